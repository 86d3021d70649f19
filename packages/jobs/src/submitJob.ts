import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Emitter, JobBackend, JobHandle, JobSpec, JobState, SubmittedJob, TrainingResult } from "@arkor/core";
import { followJob } from "./followJob.js";
import { JOB_FILES } from "./store.js";

export interface SubmitJobOptions {
  spec: JobSpec;
  backend: JobBackend;
  /** The project root: the job runs there. */
  cwd: string;
  /** The run's id and folder in the store. */
  job: { id: string; dir: string };
  emitter: Emitter;
  /** Aborted when the run is cancelled (the submission itself may then be abandoned). */
  signal: AbortSignal;
  /** How long a cancelled job has between SIGTERM (or scancel) and being forced. */
  cancelTimeoutMs: number;
  /** Told the backend's handle once it accepted the job, to record it. */
  onSubmitted?(handle: JobHandle): void;
}

/**
 * Submits a command job to a backend and follows it: its logs become `log`
 * events and its progress file `job.progress` events, live, from submission
 * until it ends; `wait()` resolves with how it ended, `cancel()` stops it
 * through the backend.
 */
export async function submitJob(options: SubmitJobOptions): Promise<SubmittedJob> {
  const { spec, backend, cwd, emitter } = options;
  const { id, dir } = options.job;
  const files = { stdout: path.join(dir, JOB_FILES.stdout), stderr: path.join(dir, JOB_FILES.stderr), progress: path.join(dir, JOB_FILES.progress) };
  // The job appends; it must find the file, and a reader may follow it from the start.
  writeFileSync(files.progress, "", { flag: "a" });
  const env: Record<string, string> = {
    ...(process.env.PYTHONUNBUFFERED === undefined && { PYTHONUNBUFFERED: "1" }),
    ...spec.env,
    ARKOR_JOB_ID: id,
    ARKOR_PROGRESS_FILE: files.progress,
  };
  const handle = await backend.submit(spec, { jobId: id, cwd, dir, files, env, signal: options.signal });
  options.onSubmitted?.(handle);
  emitter.emit({ type: "job.submitted", jobId: id, backend: backend.name, backendId: handle.id, dir, command: [...spec.command] });

  const following = followJob({ files, emitter, jobId: id, ...(backend.follow && { follow: (sink, signal) => backend.follow!(handle, sink, signal) }) });
  let cancelRequested = false;
  let waiting: Promise<TrainingResult> | undefined;

  const untilEnded = async (): Promise<Extract<JobState, { state: "ended" }>> => {
    let last: string | undefined;
    const ended = backend.ended?.(handle);
    for (;;) {
      const state = await backend.status(handle);
      if (state.state === "ended") return state;
      const seen = `${state.state}:${state.state === "queued" ? (state.reason ?? "") : ""}`;
      if (seen !== last) {
        last = seen;
        emitter.emit({
          type: "job.status",
          jobId: id,
          status: state.state,
          ...(state.state === "queued" && state.reason !== undefined && { reason: state.reason }),
          ...(state.state === "running" && state.node !== undefined && { node: state.node }),
        });
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), backend.pollIntervalMs ?? 2000)));
      const first = await Promise.race(ended ? [tick, ended] : [tick]);
      clearTimeout(timer);
      if (first?.state === "ended") return first;
    }
  };

  return {
    id,
    backend: backend.name,
    backendId: handle.id,
    wait() {
      waiting ??= (async () => {
        let state: Extract<JobState, { state: "ended" }>;
        try {
          state = await untilEnded();
        } finally {
          await following.stop();
        }
        // A job stopped because it was asked to (SIGTERM handled, scancel) was cancelled, however it exited.
        const status = cancelRequested && (state.status === "failed" || state.status === "completed") ? "cancelled" : state.status;
        const message = status === "cancelled" && cancelRequested ? undefined : state.message;
        return {
          job: {
            id,
            status,
            ...(message !== undefined && { message }),
            backend: backend.name,
            backendId: handle.id,
            ...(state.exitCode !== undefined && { exitCode: state.exitCode }),
            ...(state.signal !== undefined && { signal: state.signal }),
          },
        };
      })();
      return waiting;
    },
    async cancel() {
      cancelRequested = true;
      // Forced a little before the runner stops waiting, so a job that ignores SIGTERM still ends as cancelled.
      const timeoutMs = options.cancelTimeoutMs;
      await backend.cancel(handle, { graceMs: Math.max(0, timeoutMs - Math.min(250, timeoutMs / 4)) });
    },
  };
}
