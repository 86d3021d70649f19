import { isLiveStatus, type JobRecord } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { interruptible } from "../interrupt.js";
import { backendLoader } from "../jobBackends.js";
import { warnOnce } from "../jobWarnings.js";
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
    const { emitter } = output;
    const { findRecord, followRecord, lastProgress, untilEnded } = await import("@arkor/jobs");
    const loadBackend = await backendLoader(cwd);
    const found = findRecord(cwd, this.id);
    let record: JobRecord = found;
    const jobId = record.jobId ?? record.id;
    if (isLiveStatus(record.status)) {
      const startedAt = Date.parse(record.startedAt ?? record.createdAt);
      emitter.emit({ type: "job.started", jobId, ...(Number.isFinite(startedAt) && { startedAt }) });
      const progress = lastProgress(cwd, record.id);
      if (progress) emitter.emit({ type: "job.progress", jobId, ...progress });
      const following = followRecord({ cwd, record, emitter, fromNow: true });
      let ended: JobRecord | undefined;
      const interrupted = await interruptible(output, async (signal) => {
        ended = await untilEnded(cwd, record.id, loadBackend, { signal, onWarning: warnOnce(emitter, "BACKEND_UNAVAILABLE") });
      });
      await following.stop();
      if (interrupted !== undefined) {
        emitter.emit({ type: "job.detached", jobId: record.id, pid: record.owner.pid });
        return interrupted;
      }
      record = ended!;
    }
    const exitCode = record.exitCode ?? (record.status === "completed" ? 0 : 1);
    emitter.emit({
      type: "job.finished",
      jobId,
      status: record.status,
      exitCode,
      cancelled: record.status === "cancelled",
      ...(record.message !== undefined && record.status !== "completed" && { message: record.message }),
    });
    return exitCode;
  }
}
