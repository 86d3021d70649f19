import os from "node:os";
import { invalidOption, isLiveStatus, type Emitter, type JobRecord } from "@arkor/core";
import { jobFinishedOf } from "./jobFinished.js";
import { isOwnerAlive } from "./processInfo.js";
import { currentRecord, findRecord, untilEnded, type BackendLoader } from "./reader.js";
import { jobDir, readRecord, writeRecord } from "./store.js";
import { warnOnce } from "./warnOnce.js";

/** The cancel timeout when neither the caller nor the job's record says. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** How long past its cancel timeout the arkor process following a job has to record its end, before the backend is asked directly. */
const OWNER_MARGIN_MS = 5000;

export interface CancelJobOptions {
  cwd: string;
  /** A job's id, `latest`, or the id its trainer returned (findRecord). */
  id: string;
  emitter: Emitter;
  loadBackend: BackendLoader;
  /** How long the job has after SIGTERM when this process stops it (not when the process following it does, which uses its own). */
  timeoutMs?: number;
}

/**
 * Stops a recorded job, whoever started it, and emits what `arkor jobs cancel`
 * shows: `cancel.requested`, then `job.finished` (just that for a job that had
 * already ended). When an arkor process follows the job, it gets SIGTERM and
 * cancels the job as on Ctrl-C, with its own timeout, and records the end;
 * when none does, the job's backend stops it, and the record is written here.
 */
export async function cancelJob(options: CancelJobOptions): Promise<JobRecord> {
  const { cwd, emitter, loadBackend } = options;
  const warn = warnOnce(emitter, "BACKEND_UNAVAILABLE");
  let record = await currentRecord(cwd, findRecord(cwd, options.id), loadBackend, warn);
  const jobId = record.jobId ?? record.id;
  // Already over: how it ended, said as a fact (nothing was done, and nothing failed).
  if (!isLiveStatus(record.status)) return finished({ ...record, message: undefined });

  if (isOwnerAlive(record.owner)) {
    const timeoutMs = record.cancelTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.timeoutMs !== undefined && options.timeoutMs !== timeoutMs) {
      emitter.emit({
        type: "warning",
        code: "SETTING_IGNORED",
        message: `arkor process ${record.owner.pid} follows job ${record.id} and stops it with its own cancel timeout, ${timeoutMs / 1000}s, not ${options.timeoutMs / 1000}s.`,
      });
    }
    emitter.emit({ type: "cancel.requested", reason: "request", jobId, timeoutMs });
    process.kill(record.owner.pid, "SIGTERM");
    record = await untilEnded(cwd, record.id, loadBackend, { signal: AbortSignal.timeout(timeoutMs + OWNER_MARGIN_MS), onWarning: warn });
    if (!isLiveStatus(record.status)) return finished(record);
  } else {
    emitter.emit({ type: "cancel.requested", reason: "request", jobId, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  }

  // No arkor process follows the job (or it did not stop it in time): its backend stops it.
  const backend = record.backend && record.handle ? await loadBackend(record.backend) : undefined;
  if (!backend || !record.handle) {
    const where = record.owner.host === os.hostname() ? "" : ` on ${record.owner.host}`;
    throw invalidOption(
      record.backend
        ? `Job ${record.id} cannot be stopped from here: its backend ${record.backend} is not available. Stop it where it runs.`
        : `Job ${record.id} runs inside its arkor process (pid ${record.owner.pid}${where}), which cannot be reached from here. Stop that process, or run arkor jobs cancel on ${record.owner.host}.`,
    );
  }
  await backend.cancel(record.handle, { graceMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const state = await backend.status(record.handle);
  const latest = readRecord(jobDir(cwd, record.id)) ?? record;
  if (!isLiveStatus(latest.status)) return finished(latest);
  return finished(
    {
      ...latest,
      // However the process ended after the SIGTERM it was sent (a handler's exit code, a SIGKILL), it was cancelled; a time limit reached first stays.
      status: state.state === "ended" && state.status === "timeout" ? "timeout" : "cancelled",
      // Cancelled by request, not by a signal to this run's arkor: exit code 1, as a cancelled job's.
      exitCode: 1,
      endedAt: new Date().toISOString(),
    },
    true,
  );

  function finished(ended: JobRecord, write = false): JobRecord {
    if (write) writeRecord(jobDir(cwd, ended.id), ended);
    emitter.emit(jobFinishedOf(ended));
    return ended;
  }
}
