import { writeFileSync } from "node:fs";
import path from "node:path";
import { messageOf, type Emitter, type JobBackend, type JobHandle, type JobSpec, type JobState, type SubmittedJob, type TrainingResult } from "@arkor/core";
import { followJob } from "./followJob.js";
import { JOB_FILES } from "./store.js";
import { warnOnce } from "./warnOnce.js";

/** The first polls after submission, before `pollIntervalMs` takes over. */
const EARLY_POLLS_MS = [250, 500, 1000];

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

  /** The last `job.status` said, so each change is said once. */
  let said: string | undefined;
  const sayStatus = (state: Exclude<JobState, { state: "ended" }>) => {
    const seen = `${state.state}:${state.state === "queued" ? (state.reason ?? "") : ""}`;
    if (seen === said) return;
    said = seen;
    emitter.emit({
      type: "job.status",
      jobId: id,
      status: state.state,
      ...(state.state === "queued" && state.reason !== undefined && { reason: state.reason }),
      ...(state.state === "running" && state.node !== undefined && { node: state.node }),
    });
  };
  // Output from a job the last poll saw queued: it runs now, whatever the next poll would say.
  const onOutput = () => {
    if (said?.startsWith("queued:")) sayStatus({ state: "running" });
  };
  const following = followJob({ files, emitter, jobId: id, onOutput, ...(backend.follow && { follow: (sink, signal) => backend.follow!(handle, sink, signal) }) });
  let cancelRequested = false;
  let waiting: Promise<TrainingResult> | undefined;
  const warn = warnOnce(emitter, "BACKEND_UNAVAILABLE");

  /** The backend's answer, or undefined when it gave none (a warning says so, once per reason): the job goes on meanwhile. */
  const poll = async (): Promise<JobState | undefined> => {
    try {
      return await backend.status(handle);
    } catch (error) {
      warn(`${messageOf(error).replace(/\.$/, "")}; still following job ${id}.`);
      return undefined;
    }
  };

  const untilEnded = async (): Promise<Extract<JobState, { state: "ended" }>> => {
    const ended = backend.ended?.(handle);
    for (let round = 0; ; round++) {
      const state = await poll();
      if (state?.state === "ended") return state;
      if (state) sayStatus(state);
      // Soon after submission a scheduler's answer changes fastest (queued, then running): ask sooner at first.
      const delay = Math.min(EARLY_POLLS_MS[round] ?? Infinity, backend.pollIntervalMs ?? 2000);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), delay)));
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
