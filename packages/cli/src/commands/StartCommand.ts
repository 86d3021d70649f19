import path from "node:path";
import { invalidOption } from "@arkor/core";
import { Command, Option } from "clipanion";
import { cancelTimeoutMs } from "../cancelTimeout.js";
import type { CommandOutput } from "../commandOutput.js";
import { DETACHED_JOB_ENV } from "../detachedJob.js";
import type { LoadedConfig } from "../loadConfig.js";
import { loadPlugins } from "../loadPlugins.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class StartCommand extends ArkorCommand {
  static paths = [["start"]];

  static usage = Command.Usage({
    description: "Run the trainer: start() then wait()",
    details: `
      Imports \`.arkor/build/index.mjs\`, finds the trainer (export \`arkor\`, then \`trainer\`, then the default export), calls \`start()\` and then \`wait()\`.

      With an entry argument it rebuilds from that entry first. Without one it reuses the existing artifact as it is, or builds the default entry when there is none yet. A reused artifact is checked against its manifest: a damaged one is refused, and one older than its sources runs with a warning.

      A trainer made with \`createTrainer({ command })\` runs its command as a job on a backend: \`local\` (a child process group, the default) or \`slurm\` (sbatch), chosen by \`--backend\`, \`ARKOR_BACKEND\` or the config's \`backend\`, in that order. Every run is recorded in \`.arkor/jobs/<id>/\`; \`arkor jobs\` lists them.

      Before the run it reads \`.env\` and then \`.env.local\` from the project root, when they exist, then each \`--env-file\`, with Node's own parser; a variable already set in the environment is never overridden, and the trainer and its job see the rest. \`--no-env-file\` reads none.

      Exits 0 when the job completed and 1 when it failed or was cancelled. Ctrl-C (SIGINT) or SIGTERM cancels the job and exits 130 or 143; a second signal exits at once. With \`--json\`, a \`{"type":"cancel"}\` line on stdin cancels like SIGTERM. With \`--detach\` it exits 0 once the job has started, and a background arkor process follows the job and records how it ends.
    `,
    examples: [
      ["Run the existing build (or build first if there is none)", "$0 start"],
      ["Rebuild from another entry, then run", "$0 start src/arkor/experiment.ts"],
      ["Run a command trainer's job on the Slurm cluster, in the background", "$0 start --backend slurm --detach"],
      ["Run a project in another folder, as NDJSON events", "$0 start --cwd apps/trainer --json"],
    ],
  });

  entry = Option.String({ required: false, name: "entry" });

  backend = Option.String("--backend", {
    description: "Where a command trainer's job runs: local (default) or slurm; else ARKOR_BACKEND, else the config's backend",
  });

  detach = Option.Boolean("-d,--detach", false, {
    description: "Exit once the job has started and print its id; the job goes on in the background",
  });

  cancelTimeout = Option.String("--cancel-timeout", {
    description: "Seconds to wait for the job to stop after a cancel (default 10)",
  });

  envFiles = Option.Array("--env-file", {
    description: "Also read this file of KEY=value lines into the environment, after .env and .env.local (repeatable)",
  });

  noEnvFile = Option.Boolean("--no-env-file", false, {
    description: "Read no .env file, not even those named by --env-file",
  });

  protected override cancelOnStdin(): boolean {
    return true;
  }

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { env } = this.context;
    // Before anything reads the environment (ARKOR_BACKEND may come from .env too), and into the
    // process's own, which the trainer and a command job's process inherit.
    const { loadEnvFiles } = await import("../envFiles.js");
    const envFiles = loadEnvFiles({ cwd, files: this.envFiles, none: this.noEnvFile, env: process.env });
    // Checked before anything runs: a mistyped timeout must not surface only when a cancel comes.
    const timeoutMs = cancelTimeoutMs(this.cancelTimeout, env.ARKOR_CANCEL_TIMEOUT);
    // Loaded here: only start runs trainers, so build and --help never load the runner.
    const { startProject, BUILTIN_BACKENDS, loadBackend } = await import("@arkor/runner");
    let config: Promise<LoadedConfig | undefined> | undefined;
    // Without a config file, neither the config loader nor esbuild is loaded to learn that there is none.
    const loadConfig = () =>
      (config ??= import("../configFile.js").then(({ hasConfigFile }) => (hasConfigFile(cwd) ? import("../loadConfig.js").then((module) => module.loadConfig(cwd)) : undefined)));
    const backend = chosenBackend(this.backend, env.ARKOR_BACKEND);
    // A backend the run names is checked now, not when (or if) a job is submitted: a typo must not pass unnoticed.
    if (backend !== undefined && !(BUILTIN_BACKENDS as readonly string[]).includes(backend)) await loadBackend(backend, (await loadConfig())?.jobs);

    if (this.detach) {
      const { detachStart } = await import("../detach.js");
      return detachStart({ cwd, output, bin: this.context.bin, args: this.backgroundArgs(cwd, backend), jobEnv: DETACHED_JOB_ENV });
    }
    const detachedJob = env[DETACHED_JOB_ENV];
    // The background process of a --detach: its job must not see the variable (an arkor start inside the job would take the same record).
    delete process.env[DETACHED_JOB_ENV];
    const outcome = await startProject({
      cwd,
      entry: this.entry,
      plugins: () => loadPlugins(cwd, this.context.plugins, loadConfig()),
      configFile: async () => (await import("../configFile.js")).findConfigFile(cwd),
      backend,
      config: async () => (await loadConfig())?.jobs,
      ...(detachedJob && { claimedJobId: detachedJob }),
      handleSignals: true,
      signal: output.signal,
      onForcedExit: output.onForcedExit,
      cancelTimeoutMs: timeoutMs,
      emitter: output.emitter,
      envFiles,
    });
    return outcome.exitCode;
  }

  /** The same start, for the background process of --detach. */
  private backgroundArgs(cwd: string, backend: string | undefined): string[] {
    return [
      "start",
      ...(this.entry !== undefined ? [path.resolve(cwd, this.entry)] : []),
      "--cwd",
      cwd,
      ...(backend !== undefined ? ["--backend", backend] : []),
      ...(this.cancelTimeout !== undefined ? ["--cancel-timeout", this.cancelTimeout] : []),
      "--json",
    ];
  }
}

/** `--backend`, else `ARKOR_BACKEND`; undefined leaves the choice to the config (else local). */
function chosenBackend(flag: string | undefined, fromEnv: string | undefined): string | undefined {
  if (flag !== undefined) {
    if (flag.trim() === "") throw invalidOption("--backend is empty; name a backend, such as --backend slurm.");
    return flag.trim();
  }
  return fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv.trim() : undefined;
}
