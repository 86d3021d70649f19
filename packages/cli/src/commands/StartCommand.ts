import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";
import { runStart, START_STDIN, type StartFlags } from "./runStart.js";

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
    return START_STDIN.cancelOnStdin;
  }

  run(output: CommandOutput): Promise<number> {
    return runStart(this.flags(), this.context, output);
  }

  /** The command line as parsed: what runStart takes, and what the bin keeps for the lines it knows (preparsed.ts). */
  flags(): StartFlags {
    const { entry, backend, detach, cancelTimeout, envFiles, noEnvFile } = this;
    return { ...this.commonFlags(), entry, backend, detach, cancelTimeout, envFiles, noEnvFile };
  }
}
