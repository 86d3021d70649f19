import type { JobFinishedEvent, JobRecord } from "@arkor/core";

/**
 * How a recorded job ended, as the `job.finished` event `arkor start` would
 * have emitted: for a reader that attached to the job or stopped it. The
 * exit code is the one recorded, else 0 for completed and 1 otherwise.
 */
export function jobFinishedOf(record: JobRecord): JobFinishedEvent {
  const explained = record.message !== undefined && record.status !== "completed" && record.status !== "cancelled";
  return {
    type: "job.finished",
    jobId: record.jobId ?? record.id,
    status: record.status,
    exitCode: record.exitCode ?? (record.status === "completed" ? 0 : 1),
    cancelled: record.status === "cancelled",
    ...(explained && { message: record.message }),
  };
}
