import path from "node:path";
import { invalidOption } from "@arkor/core";
import { cancelTimeoutMs } from "../cancelTimeout.js";
import type { CommandOutput } from "../commandOutput.js";
import type { ArkorContext } from "../context.js";
import { DETACHED_JOB_ENV } from "../detachedJob.js";
import type { LoadedConfig } from "../loadConfig.js";
import { loadPlugins } from "../loadPlugins.js";
import { projectRoot } from "../projectRoot.js";
import type { CommonFlags, StdinUse } from "../runArkorCommand.js";

/** `arkor start`'s flags as parsed (StartCommand declares them for clipanion). */
export interface StartFlags extends CommonFlags {
  entry?: string;
  backend?: string;
  detach: boolean;
  cancelTimeout?: string;
  envFiles?: string[];
  noEnvFile: boolean;
}

/** `--json` starts take `{"type":"cancel"}` lines on stdin. */
export const START_STDIN: StdinUse = { cancelOnStdin: true, stopOnStdinEnd: false };

/** What `arkor start` does once its command line is parsed. */
export async function runStart(flags: StartFlags, context: ArkorContext, output: CommandOutput): Promise<number> {
  const cwd = projectRoot(flags.cwd);
  const { env } = context;
  // Before anything reads the environment (ARKOR_BACKEND may come from .env too), and into the
  // process's own, which the trainer and a command job's process inherit.
  const { loadEnvFiles } = await import("../envFiles.js");
  const envFiles = loadEnvFiles({ cwd, files: flags.envFiles, none: flags.noEnvFile, env: process.env });
  // Checked before anything runs: a mistyped timeout must not surface only when a cancel comes.
  const timeoutMs = cancelTimeoutMs(flags.cancelTimeout, env.ARKOR_CANCEL_TIMEOUT);
  // Loaded here: only start runs trainers, so build and --help never load the runner.
  const { startProject, BUILTIN_BACKENDS, loadBackend } = await import("@arkor/runner");
  let config: Promise<LoadedConfig | undefined> | undefined;
  // Without a config file, neither the config loader nor esbuild is loaded to learn that there is none.
  const loadConfig = () =>
    (config ??= import("../configFile.js").then(({ hasConfigFile }) => (hasConfigFile(cwd) ? import("../loadConfig.js").then((module) => module.loadConfig(cwd)) : undefined)));
  const backend = chosenBackend(flags.backend, env.ARKOR_BACKEND);
  // A backend the run names is checked now, not when (or if) a job is submitted: a typo must not pass unnoticed.
  if (backend !== undefined && !(BUILTIN_BACKENDS as readonly string[]).includes(backend)) await loadBackend(backend, (await loadConfig())?.jobs);

  if (flags.detach) {
    const { detachStart } = await import("../detach.js");
    return detachStart({ cwd, output, bin: context.bin, args: backgroundArgs(flags, cwd, backend), jobEnv: DETACHED_JOB_ENV });
  }
  const detachedJob = env[DETACHED_JOB_ENV];
  // The background process of a --detach: its job must not see the variable (an arkor start inside the job would take the same record).
  delete process.env[DETACHED_JOB_ENV];
  const outcome = await startProject({
    cwd,
    entry: flags.entry,
    plugins: () => loadPlugins(cwd, context.plugins, loadConfig()),
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
function backgroundArgs(flags: StartFlags, cwd: string, backend: string | undefined): string[] {
  return [
    "start",
    ...(flags.entry !== undefined ? [path.resolve(cwd, flags.entry)] : []),
    "--cwd",
    cwd,
    ...(backend !== undefined ? ["--backend", backend] : []),
    ...(flags.cancelTimeout !== undefined ? ["--cancel-timeout", flags.cancelTimeout] : []),
    "--json",
  ];
}

/** `--backend`, else `ARKOR_BACKEND`; undefined leaves the choice to the config (else local). */
function chosenBackend(flag: string | undefined, fromEnv: string | undefined): string | undefined {
  if (flag !== undefined) {
    if (flag.trim() === "") throw invalidOption("--backend is empty; name a backend, such as --backend slurm.");
    return flag.trim();
  }
  return fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv.trim() : undefined;
}
