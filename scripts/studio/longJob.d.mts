// Types of longJob.mjs, for TypeScript tests: import { writeLongJob } from "../../scripts/studio/longJob.mjs".

export interface LongJobOptions {
  /** Log lines, every 10th on stderr (default 100,000). */
  lines?: number;
  /** Progress reports, each with a loss and an accuracy (default 50,000). */
  points?: number;
  /** `command`: a local command job, its files and its events (default); `orphan`: the same without its events (its arkor was killed); `trainer`: a hand-written trainer's events.ndjson. */
  kind?: "command" | "orphan" | "trainer";
  /** The job's id (a default per kind). */
  id?: string;
}

/** Writes a finished job with a long log into `<cwd>/.arkor/jobs/`; returns its id. */
export function writeLongJob(cwd: string, options?: LongJobOptions): string;
