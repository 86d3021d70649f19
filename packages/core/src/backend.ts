import type { JobSpec } from "./jobSpec.js";

/**
 * Where a command trainer's job runs: the local machine, a Slurm cluster, or
 * a backend from a package of its own (Kubernetes Jobs, Ray Jobs). A named
 * object made by a factory, like a plugin. arkor keeps the job's record, its
 * logs and its progress file in the job's folder of the store; a backend
 * starts, watches and stops the job, and makes it write there.
 */
export interface JobBackend {
  /** Chosen by this name: `--backend`, `ARKOR_BACKEND`, the config's `backend`. */
  readonly name: string;
  /**
   * Starts the job and resolves once the backend has accepted it, with the
   * handle that names it there (recorded in job.json). A refusal rejects with
   * an error whose message is one line saying why and what to change.
   */
  submit(spec: JobSpec, ctx: SubmitContext): Promise<JobHandle>;
  /**
   * The job's state now. Called every `pollIntervalMs` while arkor follows a
   * job, and by `arkor jobs` for a record that may still be running, from any process.
   */
  status(handle: JobHandle): Promise<JobState>;
  /**
   * Asks the job to stop: a signal it can handle at once, then a forced stop
   * once `graceMs` have passed. Resolves when the job has ended or was forced to.
   */
  cancel(handle: JobHandle, options: { graceMs: number }): Promise<void>;
  /**
   * Streams what the job writes, from the start, until `signal` aborts (after
   * the job ended): its stdout and stderr as `log`, and each complete line of
   * its progress file as `progressLine`; resolves once the last bytes are
   * delivered. Optional: without it, arkor follows the files in
   * `SubmitContext.files`, which the backend makes the job write (local and
   * slurm do; a backend whose jobs' files are elsewhere streams them here).
   */
  follow?(handle: JobHandle, sink: JobSink, signal: AbortSignal): Promise<void>;
  /** Resolves when the job ends, sooner than polling `status` would tell (a local child's exit). Optional. */
  ended?(handle: JobHandle): Promise<JobState> | undefined;
  /** How often `status` may be called while following a job. Default 2000 ms. */
  readonly pollIntervalMs?: number;
}

/** What arkor gives a backend with each job. */
export interface SubmitContext {
  /** arkor's id for the job, also the name of its folder in the store. */
  jobId: string;
  /** The project root: the job runs there. */
  cwd: string;
  /** The job's folder (`.arkor/jobs/<jobId>`), where its files go. */
  dir: string;
  /** Files the job must write: its stdout, its stderr, and the progress file (`ARKOR_PROGRESS_FILE`). */
  files: JobFiles;
  /** The environment to add to the job's: `spec.env`, `ARKOR_JOB_ID` and `ARKOR_PROGRESS_FILE`. */
  env: Record<string, string>;
  /** Aborted when the run is cancelled while the job is being submitted. */
  signal: AbortSignal;
}

export interface JobFiles {
  stdout: string;
  stderr: string;
  progress: string;
}

/** How a backend finds a job again, from any process: JSON, recorded in job.json. */
export interface JobHandle {
  /** The backend's own id for the job: a process id, Slurm's job id. */
  id: string;
  /** The job's folder in the store. */
  dir: string;
  /** Anything else the backend needs (a process's start time, a cluster name). */
  [key: string]: unknown;
}

/** Where a job is: waiting for resources, running, or ended and how. */
export type JobState =
  | { state: "queued"; reason?: string }
  | { state: "running"; node?: string }
  | {
      state: "ended";
      status: JobEndStatus;
      exitCode?: number;
      signal?: string;
      message?: string;
      /** When it ended (ISO 8601), when the backend knows and it was not just now (Slurm's EndTime; a lost job's last write). */
      endedAt?: string;
    };

/**
 * How a job ended. `timeout`: it hit its time limit; `lost`: nothing can tell
 * any more (its process vanished without a final status, or the scheduler
 * forgot it).
 */
export type JobEndStatus = "completed" | "failed" | "cancelled" | "timeout" | "lost";

export interface JobSink {
  log(stream: "stdout" | "stderr", text: string): void;
  /** One complete line of the progress file, without its newline; `line` is 1-based. */
  progressLine(text: string, line: number): void;
}
