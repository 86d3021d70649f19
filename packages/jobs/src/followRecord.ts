import { statSync } from "node:fs";
import type { Emitter, JobRecord } from "@arkor/core";
import { followEvents } from "./followEvents.js";
import { followJob } from "./followJob.js";
import { jobFiles } from "./reader.js";

export interface FollowRecordOptions {
  cwd: string;
  record: JobRecord;
  emitter: Emitter;
  /** Only what is written from now on (`arkor jobs wait`); by default everything from the start (`arkor jobs logs`). */
  fromNow?: boolean;
  /** While this says so, nothing is read (a consumer that is behind, such as a slow page); reading resumes at the next look. */
  paused?: () => boolean;
  /**
   * Where a command job's output is read: its own files (the default: complete
   * whatever happened to arkor), or the run's events.ndjson, which keeps
   * stdout and stderr in the order arkor saw them, when it holds them all (`eventsHoldOutput`).
   */
  source?: "files" | "events";
}

/** The events a reader of a job's output gets again: what it printed, and its progress. */
const REPLAYED = new Set<string>(["log", "job.progress", "warning"]);

/**
 * Emits a recorded job's output as it grows, from another process than the
 * one running it: a command job's files (logs, progress file), or for a
 * hand-written trainer (or with `source: "events"`), the `log`, `job.progress`
 * and `warning` events of its events.ndjson.
 */
export function followRecord(options: FollowRecordOptions): { stop(): Promise<void> } {
  const { cwd, record, emitter } = options;
  const files = jobFiles(cwd, record.id);
  const sizeNow = (file: string) => (options.fromNow ? sizeOf(file) : 0);
  if (record.backend && options.source !== "events") {
    return followJob({
      files,
      emitter,
      jobId: record.id,
      from: { stdout: sizeNow(files.stdout), stderr: sizeNow(files.stderr), progress: sizeNow(files.progress) },
      paused: options.paused,
    });
  }
  const controller = new AbortController();
  const done = followEvents(files.events, (body) => REPLAYED.has(body.type) && emitter.emit(body), controller.signal, { from: sizeNow(files.events), paused: options.paused });
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
