import { exitCodeForAbort, withCancellation } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class JobsWaitCommand extends ArkorCommand {
  static paths = [["jobs", "wait"]];

  static usage = Command.Usage({
    description: "Attach to a job: its progress and output, until it ends; exit with its exit code",
    details: `
      Shows the job's progress and what it writes from now on, as \`arkor start\` does, until it ends; then prints how it ended and exits with the code \`arkor start\` would have: 0 when it completed, 1 when it failed. It works from any terminal, after the \`arkor start\` that began the job has gone (a \`--detach\`, a closed terminal, a SIGKILL).

      Ctrl-C stops waiting; the job goes on (\`arkor jobs cancel\` stops it).
    `,
    examples: [
      ["Wait for a job", "$0 jobs wait 20261206-100206-k3x9"],
      ["Wait for the newest job, as NDJSON events", "$0 jobs wait latest --json"],
    ],
  });

  id = Option.String({ required: true, name: "id" });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { attachJob, jobFinishedOf } = await import("@arkor/jobs");
    const loadBackend = await backendLoader(cwd);
    // Ctrl-C stops following, not the job: exit 130, as any interrupted command.
    return withCancellation({ handleSignals: true, signal: output.signal, onForcedExit: output.onForcedExit }, async (signal) => {
      const { record, detached } = await attachJob({ cwd, id: this.id, emitter: output.emitter, loadBackend, signal });
      if (detached) return exitCodeForAbort(signal.reason);
      return jobFinishedOf(record).exitCode;
    });
  }
}

