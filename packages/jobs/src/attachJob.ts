import { isLiveStatus, type Emitter, type JobRecord } from "@arkor/core";
import { jobFinishedOf } from "./jobFinished.js";
import { followRecord } from "./followRecord.js";
import { findRecord, lastProgress, untilEnded, type BackendLoader } from "./reader.js";
import { warnOnce } from "./warnOnce.js";

export interface AttachJobOptions {
  cwd: string;
  /** A job's id, `latest`, or the id its trainer returned (findRecord). */
  id: string;
  emitter: Emitter;
  loadBackend: BackendLoader;
  /** Stops following (Ctrl-C): the job goes on, and `job.detached` says so. */
  signal: AbortSignal;
}

/**
 * Follows a recorded job from any process, as `arkor start` shows its own:
 * `job.started` (with when it began), its latest progress, then its progress
 * and output from now on, until it ends (`job.finished`) or `signal` aborts
 * (`job.detached`). Resolves with the record as it stands then.
 */
export async function attachJob(options: AttachJobOptions): Promise<{ record: JobRecord; detached: boolean }> {
  const { cwd, emitter, signal } = options;
  let record = findRecord(cwd, options.id);
  if (isLiveStatus(record.status)) {
    const jobId = record.jobId ?? record.id;
    const startedAt = Date.parse(record.startedAt ?? record.createdAt);
    emitter.emit({ type: "job.started", jobId, ...(Number.isFinite(startedAt) && { startedAt }) });
    const progress = lastProgress(cwd, record.id);
    if (progress) emitter.emit({ type: "job.progress", jobId, ...progress });
    const following = followRecord({ cwd, record, emitter, fromNow: true });
    try {
      record = await untilEnded(cwd, record.id, options.loadBackend, { signal, onWarning: warnOnce(emitter, "BACKEND_UNAVAILABLE") });
    } finally {
      await following.stop();
    }
    if (isLiveStatus(record.status)) {
      emitter.emit({ type: "job.detached", jobId: record.id, pid: record.owner.pid });
      return { record, detached: true };
    }
  }
  emitter.emit(jobFinishedOf(record));
  return { record, detached: false };
}
