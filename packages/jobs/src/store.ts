import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JOBS_DIR, JOB_RECORD_SCHEMA_VERSION, displayPath, jobNotStarted, messageOf, type JobRecord } from "@arkor/core";

/** The files of one job's folder (docs/events.md § The job store). */
export const JOB_FILES = {
  record: "job.json",
  events: "events.ndjson",
  stdout: "stdout.log",
  stderr: "stderr.log",
  progress: "progress.ndjson",
} as const;

/** A job id is a plain name: no path reaches the file system through one. */
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isJobId(id: string): boolean {
  return JOB_ID.test(id) && !id.includes("..");
}

/** The store's folder: `<project>/.arkor/jobs`. */
export function storeDir(cwd: string): string {
  return path.join(cwd, JOBS_DIR);
}

export function jobDir(cwd: string, id: string): string {
  if (!isJobId(id)) throw new Error(`Not a job id: ${JSON.stringify(id)}`);
  return path.join(storeDir(cwd), id);
}

/**
 * `20261206-100206-k3x9`: the UTC second it was made, then four base-36
 * characters holding the millisecond and a random part, so ids sort as the
 * jobs began (to the millisecond) and two made in the same one still differ.
 */
export function newJobId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const suffix = (now.getUTCMilliseconds() * RANDOM_SPAN + Math.floor(Math.random() * RANDOM_SPAN)).toString(36).padStart(4, "0");
  return `${stamp}-${suffix}`;
}

/** 36⁴ / 1000, rounded down: a millisecond's share of the four characters. */
const RANDOM_SPAN = 1679;

/**
 * Makes a new job's folder under a fresh id. mkdir without `recursive` fails
 * if the folder exists, so two runs starting at once never share one. A
 * store that cannot be made is JOB_NOT_STARTED, saying what to fix.
 */
export function claimJobDir(cwd: string): { id: string; dir: string } {
  try {
    mkdirSync(storeDir(cwd), { recursive: true });
    for (;;) {
      const id = newJobId();
      const dir = jobDir(cwd, id);
      try {
        mkdirSync(dir);
        return { id, dir };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? messageOf(error);
    throw jobNotStarted(`Cannot make the job's folder in ${displayPath(cwd, storeDir(cwd))} (${reason}). Make it a writable folder, or remove what stands in its place.`, error);
  }
}

/** Replaces job.json atomically: a reader sees the old record or the new one, never half. */
export function writeRecord(dir: string, record: JobRecord): void {
  const file = path.join(dir, JOB_FILES.record);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temp, file);
}

/**
 * The folder's job.json: the record, or why there is none that can be read
 * (`problem` is set when the file exists but is damaged or not ours; both
 * are absent when there is no file yet).
 */
function recordIn(dir: string): { record?: JobRecord; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path.join(dir, JOB_FILES.record), "utf8");
  } catch {
    return {};
  }
  try {
    const record = JSON.parse(text) as Partial<JobRecord>;
    if (record?.schemaVersion === JOB_RECORD_SCHEMA_VERSION && typeof record.id === "string") return { record: record as JobRecord };
    return { problem: `its job.json is not a job record of this arkor (schemaVersion ${JSON.stringify(record?.schemaVersion)})` };
  } catch (error) {
    return { problem: `its job.json is damaged (${(error as Error).message})` };
  }
}

/** The record in `dir`, or undefined when there is none (yet) or it cannot be read. */
export function readRecord(dir: string): JobRecord | undefined {
  return recordIn(dir).record;
}

/** Why the folder's job.json cannot be read, when it exists but is not a record (damaged, or written by something else). */
export function unreadableRecord(dir: string): string | undefined {
  return recordIn(dir).problem;
}

/** Every job id in the store, newest first (ids sort by when they were made). */
export function listJobIds(cwd: string): string[] {
  let names: string[];
  try {
    names = readdirSync(storeDir(cwd));
  } catch {
    return [];
  }
  return names.filter(isJobId).sort().reverse();
}

/** Every record in the store, newest first; folders without a readable job.json are left out. */
export function listRecords(cwd: string): JobRecord[] {
  const records: JobRecord[] = [];
  for (const id of listJobIds(cwd)) {
    const record = readRecord(jobDir(cwd, id));
    if (record) records.push(record);
  }
  return records;
}

/** When anything of the job's folder was last written (ISO 8601): the best guess of when a lost job ended. */
export function lastWrite(dir: string): string | undefined {
  let latest = 0;
  for (const name of Object.values(JOB_FILES)) {
    try {
      latest = Math.max(latest, statSync(path.join(dir, name)).mtimeMs);
    } catch {
      // Not written by this job.
    }
  }
  return latest > 0 ? new Date(latest).toISOString() : undefined;
}
