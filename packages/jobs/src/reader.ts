import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isLiveStatus, jobNotFound, messageOf, type Emitter, type JobBackend, type JobRecord, type JobState, type Progress } from "@arkor/core";
import { isOwnerAlive } from "./processInfo.js";
import { parseProgressLine } from "./progressLine.js";
import { warnOnce } from "./warnOnce.js";
import { JOB_FILES, isJobId, jobDir, lastWrite, listJobIds, listRecords, readRecord, storeDir, unreadableRecord, writeRecord } from "./store.js";

/** Loads the backend a record names, to ask it about the job; undefined when it cannot be loaded here. */
export type BackendLoader = (name: string) => Promise<JobBackend | undefined>;

/**
 * A record as it stands now. One that says the job may still run, but whose
 * arkor process is gone, is settled with the job's backend (a Slurm job may
 * have ended meanwhile; a local one whose process vanished is `lost`) and
 * written back, so the next look agrees.
 */
export async function currentRecord(cwd: string, record: JobRecord, loadBackend: BackendLoader, onWarning?: (message: string) => void): Promise<JobRecord> {
  if (!isLiveStatus(record.status) || isOwnerAlive(record.owner)) return record;
  const dir = jobDir(cwd, record.id);
  let settled: JobRecord | undefined;
  if (record.backend && record.handle) {
    // A backend that cannot be loaded here (a config's, elsewhere) cannot tell: the record stays as it is.
    const backend = await loadBackend(record.backend).catch(() => undefined);
    if (!backend) return record;
    let state: JobState;
    try {
      state = await backend.status(record.handle);
    } catch (error) {
      // The backend did not answer (Slurm unreachable): the record says what was last known, and the reader is told why.
      onWarning?.(`Job ${record.id} may be out of date: ${messageOf(error).replace(/\.$/, "")}.`);
      return record;
    }
    if (state.state === "ended") {
      settled = {
        ...record,
        status: state.status,
        exitCode: state.status === "completed" ? 0 : 1,
        endedAt: state.endedAt ?? new Date().toISOString(),
        ...(state.message !== undefined && { message: state.message }),
      };
    } else if (state.state !== record.status) settled = { ...record, status: state.state };
  } else if (record.owner.host === os.hostname()) {
    // Nothing but the arkor process ran it (a hand-written trainer, or a job it never got to submit), and that is gone.
    const message = `the arkor process that ran it (pid ${record.owner.pid}) is gone, and recorded no end`;
    settled = { ...record, status: "lost", exitCode: 1, endedAt: lastWrite(dir) ?? new Date().toISOString(), message };
  }
  if (!settled) return record;
  // Another reader (or the owner, just before it died) may have written meanwhile: the newer end wins.
  const now = readRecord(dir);
  if (now && !isLiveStatus(now.status)) return now;
  writeRecord(dir, settled);
  return settled;
}

/** A job as `arkor jobs` lists it: its record, and its latest progress when it reported any. */
export type JobSummary = JobRecord & { lastProgress?: Progress };

/**
 * Every job in the store, newest first, each as it stands now, with its latest
 * progress; what cannot be read or asked is said as a `warning`, once.
 */
export async function listJobs(cwd: string, emitter: Emitter, loadBackend: BackendLoader): Promise<JobSummary[]> {
  for (const id of listJobIds(cwd)) {
    const problem = unreadableRecord(jobDir(cwd, id));
    if (problem) emitter.emit({ type: "warning", code: "RECORD_UNREADABLE", message: `Job ${id} is left out: ${problem}.` });
  }
  const onWarning = warnOnce(emitter, "BACKEND_UNAVAILABLE");
  const records = await Promise.all(listRecords(cwd).map((record) => currentRecord(cwd, record, loadBackend, onWarning)));
  return records.map((record) => summarizeJob(cwd, record));
}

/** A record with the job's latest progress, as `arkor jobs` and the Studio's list show it. */
export function summarizeJob(cwd: string, record: JobRecord): JobSummary {
  const progress = lastProgress(cwd, record.id);
  return { ...record, ...(progress && { lastProgress: progress }) };
}

/**
 * The record `id` names: a job's id, `latest` for the newest job, or the id a
 * hand-written trainer's start() returned (its newest run). Throws JOB_NOT_FOUND.
 */
export function findRecord(cwd: string, id: string): JobRecord {
  const ids = listJobIds(cwd);
  const known = () => ids.slice(0, 3);
  if (id === "latest") {
    for (const candidate of ids) {
      const record = readRecord(jobDir(cwd, candidate));
      if (record) return record;
    }
    throw jobNotFound(id, path.relative(cwd, storeDir(cwd)) || storeDir(cwd), known());
  }
  if (isJobId(id)) {
    const record = readRecord(jobDir(cwd, id));
    if (record) return record;
    const problem = unreadableRecord(jobDir(cwd, id));
    if (problem) throw jobNotFound(id, path.relative(cwd, storeDir(cwd)) || storeDir(cwd), [], problem);
    const byJobId = listRecords(cwd).find((candidate) => candidate.jobId === id);
    if (byJobId) return byJobId;
  }
  throw jobNotFound(id, path.relative(cwd, storeDir(cwd)) || storeDir(cwd), known());
}

/** The files of a job's folder, absolute. */
export function jobFiles(cwd: string, id: string): Record<keyof typeof JOB_FILES, string> {
  const dir = jobDir(cwd, id);
  return Object.fromEntries(Object.entries(JOB_FILES).map(([key, name]) => [key, path.join(dir, name)])) as Record<keyof typeof JOB_FILES, string>;
}

/**
 * Whether the run's events.ndjson holds all of a job's output: its arkor
 * process still follows it (and appends as it goes), or followed it to the
 * end (its job.finished is there). Otherwise (that process was killed while
 * the job ran on) only the job's own files are complete.
 */
export function eventsHoldOutput(cwd: string, record: JobRecord): boolean {
  if (!record.backend) return true;
  if (isOwnerAlive(record.owner)) return true;
  return tailLines(jobFiles(cwd, record.id).events).some((line) => line.includes('"type":"job.finished"'));
}

/** How much of a file's end is read to find the last progress: enough for hundreds of lines. */
const TAIL_BYTES = 64 * 1024;

/**
 * The job's latest progress: the last step and total, and the last metrics,
 * from the end of its progress file, or of its events for a job that reports
 * through ctx.report().
 */
export function lastProgress(cwd: string, id: string): Progress | undefined {
  const files = jobFiles(cwd, id);
  const fromFile = latest(tailLines(files.progress).map((line) => parseProgressLine(line)).flatMap((parsed) => ("progress" in parsed ? [parsed.progress] : [])));
  if (fromFile) return fromFile;
  const reports = tailLines(files.events)
    .filter((line) => line.includes('"job.progress"'))
    .flatMap((line) => {
      try {
        const { step, total, metrics, message } = JSON.parse(line) as Progress;
        return [{ step, total, metrics, message }];
      } catch {
        return [];
      }
    });
  return latest(reports);
}

function latest(reports: Progress[]): Progress | undefined {
  if (reports.length === 0) return undefined;
  const result: Progress = {};
  for (const report of reports) {
    if (report.step !== undefined) result.step = report.step;
    if (report.total !== undefined) result.total = report.total;
    if (report.metrics !== undefined) result.metrics = report.metrics;
    if (report.message !== undefined) result.message = report.message;
  }
  return result;
}

/** The complete lines in the last TAIL_BYTES of a file (none when it is missing). */
function tailLines(file: string): string[] {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    // The first may be cut; the last may be unfinished.
    if (start > 0) lines.shift();
    lines.pop();
    return lines.filter((line) => line.trim() !== "");
  } finally {
    closeSync(fd);
  }
}

export interface UntilEndedOptions {
  signal?: AbortSignal;
  /** How often job.json is read. Default 250 ms. */
  readIntervalMs?: number;
  /** How often the job's backend may be asked, when no arkor process follows the job. Default 2000 ms. */
  backendIntervalMs?: number;
  /** Told when the backend could not be asked (each time; the caller says it once). */
  onWarning?: (message: string) => void;
}

/**
 * Resolves with the record once it says the job ended: written by the arkor
 * process that follows it, or settled here with its backend when that
 * process is gone. Resolves with the record as it stands if `signal` aborts.
 */
export async function untilEnded(cwd: string, id: string, loadBackend: BackendLoader, options: UntilEndedOptions = {}): Promise<JobRecord> {
  const dir = jobDir(cwd, id);
  let askedAt = 0;
  for (;;) {
    let record = readRecord(dir);
    if (!record) throw jobNotFound(id, path.relative(cwd, storeDir(cwd)) || storeDir(cwd), []);
    if (isLiveStatus(record.status) && !isOwnerAlive(record.owner) && Date.now() - askedAt >= (options.backendIntervalMs ?? 2000)) {
      askedAt = Date.now();
      record = await currentRecord(cwd, record, loadBackend, options.onWarning);
    }
    if (!isLiveStatus(record.status) || options.signal?.aborted) return record;
    await new Promise((resolve) => setTimeout(resolve, options.readIntervalMs ?? 250));
  }
}

