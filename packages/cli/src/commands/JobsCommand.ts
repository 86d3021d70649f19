import { Command } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class JobsCommand extends ArkorCommand {
  static paths = [["jobs"]];

  static usage = Command.Usage({
    description: "List the jobs in the job store, newest first",
    details: `
      Every \`arkor start\` is recorded in \`.arkor/jobs/<id>/\`, whoever started it and wherever it runs. This lists them: id, trainer, backend, status, when it started, how long it ran, and its last metrics. A job whose arkor process is gone is checked with its backend: a Slurm job that ended meanwhile shows how it ended, a local one whose process vanished shows \`lost\`.

      \`arkor jobs logs\`, \`wait\`, \`cancel\` and \`prune\` act on them.
    `,
    examples: [
      ["List the jobs", "$0 jobs"],
      ["As one JSON event, for programs", "$0 jobs --json"],
    ],
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { listJobs } = await import("@arkor/jobs");
    output.emitter.emit({ type: "jobs", jobs: await listJobs(cwd, output.emitter, await backendLoader(cwd)) });
    return 0;
  }
}
