import type { JobHandle } from "./backend.js";
import type { TrainerExport } from "./events.js";
import type { JobResources } from "./jobSpec.js";

/** Where the job store lives, relative to the project root: one folder per job. */
export const JOBS_DIR = ".arkor/jobs";
export const JOB_RECORD_SCHEMA_VERSION = 1;

/**
 * `.arkor/jobs/<id>/job.json`: what is known about one run of `arkor start`,
 * replaced atomically at each change. A stable format (docs/events.md § The job store).
 */
export interface JobRecord {
  schemaVersion: typeof JOB_RECORD_SCHEMA_VERSION;
  /** arkor's id for the run, the folder's name. A command trainer's job has this id too. */
  id: string;
  /** The id the trainer's start() returned, once it did. */
  jobId?: string;
  /** The trainer's name. */
  trainer?: string;
  /** The export the trainer came from. */
  export?: TrainerExport;
  /** The source entry the artifact was built from, relative to the project, when the manifest says. */
  entry?: string;
  /** The artifact that ran, relative to the project, and its sha256. */
  artifact: string;
  sha256: string;
  /** For a job a backend runs: the backend, its own id for the job, and how it finds the job again. */
  backend?: string;
  backendId?: string;
  handle?: JobHandle;
  command?: string[];
  resources?: JobResources;
  /**
   * `starting`, `queued`, `running`, then how it ended: `completed`, `failed`,
   * `cancelled`, `timeout`, `lost`, or a hand-written trainer's own status.
   */
  status: string;
  /** Why it ended that way, in one line, when it did not complete. */
  message?: string;
  /** The exit code `arkor start` ended (or would end) with for this run. */
  exitCode?: number;
  /** ISO 8601 times: when the record was made, when start() returned, when the job ended. */
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** The arkor process attached to the job, which records how it ends. */
  owner: JobOwner;
  /** Started with `arkor start --detach`: the owner is a background process. */
  detached?: boolean;
  /** How long the owner gives the job to stop after a cancel (its --cancel-timeout), in ms. */
  cancelTimeoutMs?: number;
}

export interface JobOwner {
  pid: number;
  /** When the process started, as the OS counts it (Linux: clock ticks since boot), so a reused pid is not mistaken for it. */
  startTime?: string;
  host: string;
}

/** Statuses that say a job has ended, so its record no longer changes (anything unknown counts as ended too). */
export function isLiveStatus(status: string): boolean {
  return status === "starting" || status === "queued" || status === "running";
}
