/**
 * The event stream, version 1: every step of build and run, as data.
 *
 * Build and run only emit; reporters render (text for a terminal, NDJSON for
 * `--json`, a host's own callback). Fields are only ever added within a
 * version; a reader ignores types and fields it does not know.
 * docs/events.md documents each type and is checked against this file.
 *
 * Paths are absolute, except a message's `file`, which is relative to the
 * project root as the bundler reports it. Lines and columns are 1-based.
 */

import type { JobRecord } from "./jobRecord.js";
import type { BuildManifest } from "./manifest.js";

export const EVENT_VERSION = 1;

/** One error or warning of a build, in the bundler's own words and location. */
export interface BuildMessage {
  text: string;
  /** The source file, relative to the project root (posix separators). */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** How many characters the problem spans on its line. */
  length?: number;
  /** The source line the location points into. */
  lineText?: string;
  /** The esbuild or arkor plugin that raised it. */
  plugin?: string;
  /** esbuild's message id, such as `duplicate-object-key`. */
  id?: string;
  /** Further locations that explain the message ("The original key is here"). */
  notes?: { text: string; file?: string; line?: number; column?: number; length?: number; lineText?: string }[];
}

/** What `ctx.report()` takes and `job.progress` carries: every field optional. */
export interface Progress {
  /** How far the job is, in its own unit (a step, an epoch, a batch). */
  step?: number;
  /** How many steps there will be, for the percentage and the ETA. */
  total?: number;
  /** Numbers by name (`loss`, `lr`, `accuracy`): shown on the progress line and charted in the Studio. Finite numbers only. */
  metrics?: Record<string, number>;
  /** A short status in words ("saving checkpoint"), shown on the progress line. */
  message?: string;
}

/** The export the trainer was taken from, in the spec's discovery order. */
export type TrainerExport = "arkor" | "trainer" | "default";

export interface BuildStartEvent {
  type: "build.start";
  /** The entry as given (absolute), when one was given; absent when the resolver picks the default. */
  entry?: string;
  /** Set on rebuilds in watch mode: the files whose change started it. */
  changed?: string[];
}

export interface BuildEndEvent {
  type: "build.end";
  ok: boolean;
  /** The resolved source entry; absent when the build failed before one was resolved. */
  entry?: string;
  /** The artifact; on failure, where it would have gone (the previous one is left as it was). */
  outFile: string;
  durationMs: number;
  /** The artifact's size and hash; 0 and "" when the build failed. */
  bytes: number;
  sha256: string;
  warnings: BuildMessage[];
  errors: BuildMessage[];
}

export interface RunStartEvent {
  type: "run.start";
  /** The artifact (or module) being run. */
  artifact: string;
  /** Its sha256, hex. */
  sha256: string;
  /** The export the trainer came from. */
  export: TrainerExport;
  /** The trainer's `name`, when it has one. */
  name?: string;
  /** The run's id in the job store (its folder `.arkor/jobs/<recordId>/`), when it is recorded. */
  recordId?: string;
  /** The `.env` files `arkor start` read into the environment, absolute, in the order read; absent when none. */
  envFiles?: string[];
  /** The source entry the artifact was built from (from its build, or its manifest), absolute; absent when unknown. */
  entry?: string;
  /** When the artifact run was built, ms since the epoch: only when `arkor start` reused an existing build. */
  builtAt?: number;
}

export interface JobStartedEvent {
  type: "job.started";
  jobId: string;
  /** When the job started, in ms since the epoch, when that was before this event (`arkor jobs wait` attaching to a running job). */
  startedAt?: number;
}

/** A backend accepted the job (a command trainer's start(), or ctx.submit()). */
export interface JobSubmittedEvent {
  type: "job.submitted";
  /** arkor's id for the job: its folder in `.arkor/jobs/`. */
  jobId: string;
  /** The backend that runs it: `local`, `slurm`, or a config's. */
  backend: string;
  /** The backend's own id: the process id (local), Slurm's job id. */
  backendId: string;
  /** The job's folder in the store (its logs and progress file), absolute. */
  dir: string;
  /** The command, as the trainer gave it. */
  command: string[];
}

/** A submitted job is waiting for resources, or began running. */
export interface JobStatusEvent {
  type: "job.status";
  jobId: string;
  status: "queued" | "running";
  /** Why it waits, in the scheduler's words (Slurm's `Resources`, `Priority`). */
  reason?: string;
  /** Where it runs, when the backend says. */
  node?: string;
}

export interface JobProgressEvent extends Progress {
  type: "job.progress";
  jobId?: string;
}

export interface LogEvent {
  type: "log";
  stream: "stdout" | "stderr";
  /** Exactly what was written, newlines included. */
  text: string;
}

export interface CancelRequestedEvent {
  type: "cancel.requested";
  /** `SIGINT`, `SIGTERM`, `stdin` (a `{"type":"cancel"}` line), `abort` (an AbortSignal), `host-gone` (stdout or stderr closed). */
  reason: string;
  jobId?: string;
  timeoutMs: number;
}

export interface JobFinishedEvent {
  type: "job.finished";
  jobId: string;
  /** The job's final status; `cancelled` when it was cancelled and did not settle with one. */
  status: string;
  exitCode: number;
  cancelled: boolean;
  /** What `wait()` resolved to, when it did (JSON-safe). */
  result?: unknown;
  /** Set when the job did not settle within the cancel timeout. */
  timedOut?: boolean;
  /** Why it ended that way, in one line (`python3 exited with code 3`), when it did not complete. */
  message?: string;
  /**
   * Set when `wait()` said how the job ended but trainer code crashed right
   * after (a stray timer that throws): `status` stays what `wait()` said, and
   * `exitCode` is 1, as the process's is.
   */
  crash?: JobCrash;
}

/** A crash in trainer code: its message and, when known, where it was thrown in the source. */
export interface JobCrash {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** `arkor start --detach`: the job goes on in a background arkor process after this command ends. */
export interface JobDetachedEvent {
  type: "job.detached";
  jobId: string;
  /** The background arkor process that follows the job and records how it ends. */
  pid: number;
}

/** Something worth knowing that is not a failure: a malformed progress line, a setting without effect. */
export interface WarningEvent {
  type: "warning";
  /** A stable code, such as `PROGRESS_LINE_INVALID`. */
  code: string;
  /** One line. */
  message: string;
  file?: string;
  line?: number;
}

/** What `arkor jobs` found in the store, newest first. */
export interface JobsEvent {
  type: "jobs";
  /** Each job's record (job.json), with its latest progress when it reported any. */
  jobs: (JobRecord & { lastProgress?: Progress })[];
}

/** What `arkor jobs prune` removed. */
export interface JobsPrunedEvent {
  type: "jobs.pruned";
  /** The ids of the jobs removed, newest first. */
  removed: string[];
  /** Bytes their folders held. */
  freedBytes: number;
  /** Jobs left in the store. */
  kept: number;
}

export interface ArtifactStaleEvent {
  type: "artifact.stale";
  artifact: string;
  /** Inputs whose contents differ from the build's, absolute. */
  changed: string[];
  /** Inputs that no longer exist, absolute. */
  removed?: string[];
}

export interface ErrorEvent {
  type: "error";
  /** An ArkorError code, or `INTERNAL` for a bug in arkor. */
  code: string;
  /** One line that names the problem and the fix. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The stack, for internal errors (and for every error with ARKOR_DEBUG=1). */
  stack?: string;
}

/** Watch mode is ready and waiting for changes (after each build, good or bad). */
export interface WatchReadyEvent {
  type: "watch.ready";
  /** How many files are watched. */
  inputs: number;
}

/** The result of `arkor manifest`: the last build's manifest and whether the sources changed since. */
export interface ManifestEvent {
  type: "manifest";
  /** The manifest; null when there is none (no build yet, or a bundler plugin that writes none). */
  manifest: BuildManifest | null;
  /** Whether `.arkor/build/index.mjs` exists. */
  artifactExists: boolean;
  /** True when an input (or the config) changed or was removed since the build. */
  stale: boolean;
  /** Inputs whose contents changed, absolute. */
  changed: string[];
  /** New files beside the inputs (not yet part of the bundle; informational), absolute. */
  added: string[];
  /** Inputs that no longer exist, absolute. */
  removed: string[];
  /** With `--inspect`: the trainer's `name`, read by importing the artifact (start() is never called). */
  trainerName?: string;
}

/** `arkor init`: the project is written (and installed, and a git repository, when asked). */
export interface InitEvent {
  type: "init";
  /** The project's folder, absolute. */
  dir: string;
  /** The template it was made from: `typescript`, `python` or `slurm`. */
  template: string;
  /** Its package name. */
  name: string;
  /** The package manager its commands use: `npm`, `pnpm`, `yarn` or `bun`. */
  packageManager: string;
  /** The files written, relative to `dir`. */
  files: string[];
  /** Those that existed (with `--force`): replaced, except `package.json`, which keeps its fields and gets arkor's scripts and dev dependencies. */
  overwritten: string[];
  /** Whether its dependencies were installed. */
  installed: boolean;
  /** Whether `git init` made it a repository. */
  git: boolean;
  /** The commands to run next, in order, relative to the folder `arkor init` ran in. */
  next: string[];
}

/** `arkor dev`: the Studio is listening. The first event of `arkor dev --json`. */
export interface StudioReadyEvent {
  type: "studio.ready";
  /** The page to open, with the session's token (`?token=`). */
  url: string;
  /** The address it listens on, as asked (`127.0.0.1` by default). */
  host: string;
  port: number;
  /** Set when the asked-for port was taken and `port` was picked instead. */
  portTaken?: number;
}

/** Always the last event of a command: its exit code. */
export interface EndEvent {
  type: "end";
  exitCode: number;
}

/** The body of an event, before the envelope is added. */
export type ArkorEventBody =
  | BuildStartEvent
  | BuildEndEvent
  | RunStartEvent
  | JobStartedEvent
  | JobSubmittedEvent
  | JobStatusEvent
  | JobProgressEvent
  | LogEvent
  | CancelRequestedEvent
  | JobFinishedEvent
  | JobDetachedEvent
  | WarningEvent
  | JobsEvent
  | JobsPrunedEvent
  | ArtifactStaleEvent
  | StudioReadyEvent
  | ErrorEvent
  | WatchReadyEvent
  | ManifestEvent
  | InitEvent
  | EndEvent;

export interface EventEnvelope {
  /** The schema version: 1. */
  v: typeof EVENT_VERSION;
  /** 0, 1, 2, … in the order emitted by one command or API call. */
  seq: number;
  /** When it was emitted, in milliseconds since the epoch. */
  time: number;
}

export type ArkorEvent = ArkorEventBody & EventEnvelope;
export type ArkorEventType = ArkorEvent["type"];
/** The event of one type, such as `EventOf<"build.end">`. */
export type EventOf<T extends ArkorEventType> = Extract<ArkorEvent, { type: T }>;

export type EventListener = (event: ArkorEvent) => void;

export interface Emitter {
  /** Adds the envelope and hands the event to the listener; nothing is emitted after `end`. */
  emit(body: ArkorEventBody): void;
  /** Whether `end` has been emitted. */
  readonly ended: boolean;
  /** Hands every later event to `listener` too (the job store's recorder); returns the function that stops it. */
  subscribe(listener: EventListener): () => void;
}

/** Numbers and stamps events for one listener. The listener must not throw: it runs inside the build and the job. */
export function createEmitter(listener: EventListener = () => {}): Emitter {
  let seq = 0;
  let ended = false;
  const subscribers = new Set<EventListener>();
  return {
    emit(body) {
      if (ended) return;
      if (body.type === "end") ended = true;
      const event = { v: EVENT_VERSION, seq: seq++, time: Date.now(), ...body } as ArkorEvent;
      listener(event);
      for (const subscriber of subscribers) subscriber(event);
    },
    get ended() {
      return ended;
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
  };
}
