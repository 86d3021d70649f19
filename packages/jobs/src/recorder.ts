import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { JOB_RECORD_SCHEMA_VERSION, displayPath, isLiveStatus, messageOf, type ArkorEvent, type Emitter, type JobRecord } from "@arkor/core";
import { currentOwner } from "./processInfo.js";
import { autoKeep, autoPrune } from "./prune.js";
import { JOB_FILES, claimJobDir, jobDir, writeRecord } from "./store.js";

export interface RecorderOptions {
  /** The project root: the store is `<cwd>/.arkor/jobs`. */
  cwd: string;
  emitter: Emitter;
  /** The id of a folder claimed for this run already: `arkor start --detach` gives its background process one. */
  claimedId?: string;
}

export interface JobRecorder {
  /** The run's id and folder, claimed now if the run has not started yet. */
  claim(): { id: string; dir: string };
  /** Adds fields to job.json that no event carries (the backend's handle, the source entry). */
  update(fields: Partial<JobRecord>): void;
  /** Stops recording (after `end`, which closes it by itself). */
  close(): void;
}

/**
 * Records one run of `arkor start` in the job store, from its events: every
 * event appended to `events.ndjson` as `--json` prints it, and `job.json`
 * replaced at each change of state. Events before `run.start` (a build) are
 * kept until then: a run that fails before it has a trainer makes no record.
 * A failure to write (a full disk) stops the recording with one warning, never the run.
 */
export function recordJob(options: RecorderOptions): JobRecorder {
  const { cwd, emitter } = options;
  const detached = options.claimedId !== undefined;
  let claimed = detached ? { id: options.claimedId!, dir: jobDir(cwd, options.claimedId!) } : undefined;
  let record: JobRecord | undefined;
  let prefill: Partial<JobRecord> = {};
  let errorCode: string | undefined;
  let eventsFd: number | undefined;
  let buffered: ArkorEvent[] | undefined = detached ? undefined : [];
  let broken = false;

  const claim = () => {
    if (!claimed) {
      autoPrune(cwd);
      claimed = claimJobDir(cwd);
    }
    return claimed;
  };
  const open = () => {
    const { dir } = claim();
    eventsFd = openSync(path.join(dir, JOB_FILES.events), "a");
    for (const event of buffered ?? []) append(event);
    buffered = undefined;
  };
  const append = (event: ArkorEvent) => {
    if (eventsFd !== undefined) writeSync(eventsFd, `${JSON.stringify(event)}\n`);
  };
  const save = (fields: Partial<JobRecord>) => {
    if (!record) return;
    record = { ...record, ...fields };
    writeRecord(claim().dir, record);
  };
  const close = () => {
    unsubscribe();
    if (eventsFd !== undefined) closeSync(eventsFd);
    eventsFd = undefined;
  };

  const onEvent = (event: ArkorEvent) => {
    if (broken) return;
    try {
      if (buffered && event.type !== "run.start") {
        buffered.push(event);
        if (event.type === "end") close();
        return;
      }
      if (eventsFd === undefined) open();
      append(event);
      track(event);
    } catch (error) {
      broken = true;
      close();
      queueMicrotask(() =>
        emitter.emit({ type: "warning", code: "JOB_STORE_UNWRITABLE", message: `This run is not recorded in the job store: ${messageOf(error)}.` }),
      );
    }
  };

  const track = (event: ArkorEvent) => {
    const now = new Date(event.time).toISOString();
    switch (event.type) {
      case "run.start":
        record = {
          schemaVersion: JOB_RECORD_SCHEMA_VERSION,
          id: claim().id,
          ...(event.name !== undefined && { trainer: event.name }),
          export: event.export,
          ...prefill,
          artifact: displayPath(cwd, event.artifact),
          sha256: event.sha256,
          status: "starting",
          createdAt: now,
          owner: currentOwner(),
          ...(detached && { detached: true }),
        };
        save({});
        break;
      case "job.submitted":
        save({ backend: event.backend, backendId: event.backendId, command: event.command });
        break;
      case "job.status":
        save({ status: event.status });
        break;
      case "job.started":
        save({ jobId: event.jobId, startedAt: now, status: record?.status === "queued" ? "queued" : "running" });
        break;
      case "job.finished":
        save({ status: event.status, exitCode: event.exitCode, endedAt: now, ...(event.message !== undefined && { message: event.message }) });
        break;
      case "error":
        errorCode = event.code;
        if (record && isLiveStatus(record.status)) save({ message: event.message });
        break;
      case "end":
        // One write at most: usually job.finished said it all, this exit code included.
        if (record && isLiveStatus(record.status)) save({ status: errorCode === "CANCELLED" ? "cancelled" : "failed", endedAt: now, exitCode: event.exitCode });
        else if (record && record.exitCode !== event.exitCode) save({ exitCode: event.exitCode });
        close();
        break;
    }
  };

  const unsubscribe = emitter.subscribe(onEvent);
  const { problem } = autoKeep();
  if (problem) emitter.emit({ type: "warning", code: "SETTING_IGNORED", message: problem });
  if (detached) {
    try {
      open();
    } catch (error) {
      broken = true;
      throw error;
    }
  }
  return {
    claim,
    update(fields) {
      if (broken) return;
      if (record) save(fields);
      else prefill = { ...prefill, ...fields };
    },
    close,
  };
}
