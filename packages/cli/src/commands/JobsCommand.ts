import { Command } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { warnOnce } from "../jobWarnings.js";
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
    const { jobDir, lastProgress, listJobIds, readJobs, unreadableRecord } = await import("@arkor/jobs");
    for (const id of listJobIds(cwd)) {
      const problem = unreadableRecord(jobDir(cwd, id));
      if (problem) output.emitter.emit({ type: "warning", code: "RECORD_UNREADABLE", message: `Job ${id} is left out: ${problem}.` });
    }
    const records = await readJobs(cwd, await backendLoader(cwd), warnOnce(output.emitter, "BACKEND_UNAVAILABLE"));
    const jobs = records.map((record) => {
      const progress = lastProgress(cwd, record.id);
      return { ...record, ...(progress && { lastProgress: progress }) };
    });
    output.emitter.emit({ type: "jobs", jobs });
    return 0;
  }
}
