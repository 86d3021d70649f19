import os from "node:os";
import { invalidOption, isLiveStatus, type JobRecord } from "@arkor/core";
import { Command, Option } from "clipanion";
import { cancelTimeoutMs } from "../cancelTimeout.js";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { warnOnce } from "../jobWarnings.js";
import { ArkorCommand } from "./ArkorCommand.js";

/** The cancel timeout when neither the command line nor the job's record says. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** How long past the cancel timeout the arkor process following a job has to record its end, before the backend is asked directly. */
const OWNER_MARGIN_MS = 5000;

export class JobsCancelCommand extends ArkorCommand {
  static paths = [["jobs", "cancel"]];

  static usage = Command.Usage({
    description: "Stop a running job, through its backend, whoever started it",
    details: `
      When an arkor process still follows the job (an \`arkor start\` in another terminal, or the background process of \`--detach\`), it is sent SIGTERM and cancels the job as Ctrl-C would: the job is asked to stop, then forced after the cancel timeout. When none does (it was killed), the job's backend stops it directly: SIGTERM then SIGKILL to a local job's process group, \`scancel\` for a Slurm job.

      Prints how the job ended and exits 0 once it has; a job that already ended is left as it was.
    `,
    examples: [
      ["Stop a job", "$0 jobs cancel 20261206-100206-k3x9"],
      ["Stop the newest job, giving it 30 s to save a checkpoint", "$0 jobs cancel latest --cancel-timeout 30"],
    ],
  });

  id = Option.String({ required: true, name: "id" });

  cancelTimeout = Option.String("--cancel-timeout", {
    description: "Seconds the job has to stop after SIGTERM before it is forced (default 10; an arkor process that follows the job uses its own)",
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { emitter } = output;
    const asked = cancelTimeoutMs(this.cancelTimeout, this.context.env.ARKOR_CANCEL_TIMEOUT);
    const { currentRecord, findRecord, isOwnerAlive, jobDir, readRecord, untilEnded, writeRecord } = await import("@arkor/jobs");
    const loadBackend = await backendLoader(cwd);
    const warn = warnOnce(emitter, "BACKEND_UNAVAILABLE");
    let record: JobRecord = await currentRecord(cwd, findRecord(cwd, this.id), loadBackend, warn);
    const jobId = record.jobId ?? record.id;
    // Already over: how it ended, said as a fact (this command did nothing, and did not fail).
    if (!isLiveStatus(record.status)) return this.finished(output, { ...record, message: undefined }, jobId);

    if (isOwnerAlive(record.owner)) {
      // The arkor process following the job cancels it as on Ctrl-C, with its own timeout, and records how it ended.
      const timeoutMs = record.cancelTimeoutMs ?? DEFAULT_TIMEOUT_MS;
      if (asked !== undefined && asked !== timeoutMs) {
        emitter.emit({
          type: "warning",
          code: "SETTING_IGNORED",
          message: `arkor process ${record.owner.pid} follows job ${record.id} and stops it with its own cancel timeout, ${timeoutMs / 1000}s, not ${asked / 1000}s.`,
        });
      }
      emitter.emit({ type: "cancel.requested", reason: "request", jobId, timeoutMs });
      process.kill(record.owner.pid, "SIGTERM");
      record = await untilEnded(cwd, record.id, loadBackend, { signal: AbortSignal.timeout(timeoutMs + OWNER_MARGIN_MS), onWarning: warn });
      if (!isLiveStatus(record.status)) return this.finished(output, record, jobId);
    } else {
      emitter.emit({ type: "cancel.requested", reason: "request", jobId, timeoutMs: asked ?? DEFAULT_TIMEOUT_MS });
    }
    const timeoutMs = asked ?? DEFAULT_TIMEOUT_MS;
    if (!record.handle || !record.backend) {
      const where = record.owner.host === os.hostname() ? "" : ` on ${record.owner.host}`;
      throw invalidOption(`Job ${record.id} runs inside its arkor process (pid ${record.owner.pid}${where}), which cannot be reached from here. Stop that process, or run arkor jobs cancel on ${record.owner.host}.`);
    }
    // No arkor process follows the job (or it did not stop it): its backend stops it.
    const backend = await loadBackend(record.backend!);
    if (!backend || !record.handle) throw invalidOption(`Job ${record.id} cannot be stopped from here: its backend ${record.backend} is not available.`);
    await backend.cancel(record.handle, { graceMs: timeoutMs });
    const state = await backend.status(record.handle);
    const latest = readRecord(jobDir(cwd, record.id)) ?? record;
    if (isLiveStatus(latest.status)) {
      record = {
        ...latest,
        // However the process ended after the SIGTERM it was sent (a handler's exit code, a SIGKILL), it was cancelled; a time limit reached first stays.
        status: state.state === "ended" && state.status === "timeout" ? "timeout" : "cancelled",
        // Cancelled by request, not by a signal to this run's arkor: exit code 1, as a cancelled job's.
        exitCode: 1,
        endedAt: new Date().toISOString(),
      };
      writeRecord(jobDir(cwd, record.id), record);
    } else record = latest;
    return this.finished(output, record, jobId);
  }

  private finished(output: CommandOutput, record: JobRecord, jobId: string): number {
    output.emitter.emit({
      type: "job.finished",
      jobId,
      status: record.status,
      exitCode: record.exitCode ?? (record.status === "completed" ? 0 : 1),
      cancelled: record.status === "cancelled",
      ...(record.message !== undefined && record.status !== "completed" && record.status !== "cancelled" && { message: record.message }),
    });
    return 0;
  }
}
