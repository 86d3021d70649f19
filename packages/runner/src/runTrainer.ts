import { readFileSync } from "node:fs";
import path from "node:path";
import {
  DEFAULT_ENTRY,
  createEmitter,
  forcedExitEvents,
  inSession,
  raceAbort,
  sha256Of,
  pathKind,
  trainingEntryNotAFile,
  trainingEntryNotFound,
  withCancellation,
  type CancellationOptions,
  type Emitter,
  type EventListener,
} from "@arkor/core";
import type { JobRecorder } from "@arkor/jobs";
import type { BackendChoice } from "./backends.js";
import { findTrainer } from "./findTrainer.js";
import { jobsContext } from "./jobsContext.js";
import { loadArtifact } from "./loadArtifact.js";
import { runJob, type RunOutcome } from "./runJob.js";
import { withCapturedOutput } from "./withCapturedOutput.js";

export type { RunOutcome } from "./runJob.js";

export interface RunTrainerOptions extends CancellationOptions, BackendChoice {
  /** Where a relative path resolves from; defaults to `process.cwd()`. */
  cwd?: string;
  /** How long the job may take to settle after a cancel. Default 10 000 ms. */
  cancelTimeoutMs?: number;
  /**
   * Receives every event of the run, the last being `end`. Without it (and
   * without `emitter`), `runTrainer` and `startProject` from `arkor` print the
   * run as `arkor start` does, on this process's stdout and stderr.
   */
  onEvent?: EventListener;
  /** With no `onEvent`: print nothing (arkor's `runTrainer` and `startProject` otherwise print as the CLI does). */
  silent?: boolean;
  /** Emit into this emitter instead (one sequence shared with the caller's own events). */
  emitter?: Emitter;
  /**
   * Turn writes to process.stdout/stderr (the trainer's console.log) into
   * `log` events for the duration of the call. Process-wide; off by default.
   */
  captureOutput?: boolean;
  /**
   * Record the run in the job store, `<cwd>/.arkor/jobs/<id>/`, as `arkor start` does
   * (docs/jobs.md). Default: off for runTrainer, on for startProject. Without it, a
   * command trainer's job keeps its files in a temp folder, removed when the run ends.
   */
  record?: boolean;
  /** The id of a store folder claimed for this run already: `arkor start --detach` gives its background process one. */
  claimedJobId?: string;
}

export const DEFAULT_CANCEL_TIMEOUT_MS = 10_000;

/**
 * Imports a built trainer (or any ES module), finds its trainer, calls
 * `start()` then `wait()`, and resolves to the job's outcome. Rejects with an
 * ArkorError whose message says what to fix. Prints nothing itself: what
 * happens is told through `onEvent` (`arkor`'s runTrainer prints without one).
 */
export async function runTrainer(file?: string, options: RunTrainerOptions = {}): Promise<RunOutcome> {
  const emitter = options.emitter ?? createEmitter(options.onEvent);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const recorder = await openRecorder(cwd, emitter, options, false);
  return withCapturedOutput(options.captureOutput, emitter, () =>
    inSession(
      emitter,
      async () => {
        const absolute = path.resolve(cwd, file ?? DEFAULT_ENTRY);
        const kind = pathKind(absolute);
        if (kind === "missing") throw trainingEntryNotFound(absolute);
        if (kind !== "file") throw trainingEntryNotAFile(absolute, kind);
        // A second signal says so in the stream, as the CLI's does, rather than straight to stderr.
        return withCancellation({ ...options, onForcedExit: options.onForcedExit ?? forcedExitEvents(emitter) }, (signal) =>
          runArtifact(absolute, { ...options, cwd, signal, emitter, recorder, ownsProcess: options.handleSignals }),
        );
      },
      (outcome) => outcome.exitCode,
    ),
  );
}

/** The run's recorder in the job store, when it is recorded; the store's code is loaded only then. */
export async function openRecorder(cwd: string, emitter: Emitter, options: RunTrainerOptions, byDefault: boolean): Promise<JobRecorder | undefined> {
  if (!(options.record ?? byDefault) && options.claimedJobId === undefined) return undefined;
  const { recordJob } = await import("@arkor/jobs/record");
  return recordJob({ cwd, emitter, claimedId: options.claimedJobId });
}

/** The run's folder in the store, claimed now so run.start can name it; a store that cannot be written is the recorder's to say (as a warning), not a failure here. */
function claimRecord(recorder: JobRecorder | undefined): string | undefined {
  try {
    return recorder?.claim().id;
  } catch {
    return undefined;
  }
}

export interface RunArtifactOptions extends BackendChoice {
  cwd: string;
  signal: AbortSignal;
  emitter: Emitter;
  /** The `.env` files read into the environment for this run, absolute, named in `run.start`. */
  envFiles?: readonly string[];
  /** The source entry the artifact was built from, and when, for a reused build: named in `run.start`. */
  built?: { entry: string; builtAt?: number };
  cancelTimeoutMs?: number;
  /** The artifact's hash when the caller already checked it. */
  sha256?: string;
  ownsProcess?: boolean;
  recorder?: JobRecorder;
}

/** Load, find, run: the part of runTrainer that startProject shares. */
export async function runArtifact(file: string, options: RunArtifactOptions): Promise<RunOutcome> {
  const { cwd, signal, emitter } = options;
  const sha256 = options.sha256 ?? sha256Of(readFileSync(file));
  const { trainer, exportName } = findTrainer(await raceAbort(loadArtifact(file, cwd), signal));
  const cancelTimeoutMs = options.cancelTimeoutMs ?? DEFAULT_CANCEL_TIMEOUT_MS;
  // What `arkor jobs cancel` from another terminal waits for when it asks this process to cancel.
  options.recorder?.update({ cancelTimeoutMs });
  const recordId = claimRecord(options.recorder);
  emitter.emit({
    type: "run.start",
    artifact: file,
    sha256,
    export: exportName,
    ...(typeof trainer.name === "string" && { name: trainer.name }),
    ...(recordId !== undefined && { recordId }),
    ...(options.envFiles && options.envFiles.length > 0 && { envFiles: [...options.envFiles] }),
    ...(options.built && { entry: options.built.entry }),
    ...(options.built?.builtAt !== undefined && { builtAt: options.built.builtAt }),
  });
  const jobs = jobsContext({ ...options, cancelTimeoutMs });
  try {
    return await runJob(trainer, { cwd, signal, emitter, cancelTimeoutMs, ownsProcess: options.ownsProcess, submit: jobs.submit });
  } finally {
    jobs.close();
  }
}
