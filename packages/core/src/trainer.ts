import type { Progress } from "./events.js";

/**
 * The contract between arkor and user code. Values are recognised by shape,
 * never by `instanceof`: the user's bundle loads its own copy of `arkor`.
 */

export interface TrainingResult {
  job: { id: string; status: string };
  artifacts?: unknown[];
}

/**
 * What arkor passes to `start()`, `wait()` and `cancel()`. Optional to use:
 * a trainer that ignores it works unchanged.
 */
export interface RunContext {
  /** Aborted when the run is cancelled (Ctrl-C, SIGTERM, the host's Stop): stop work and settle soon. */
  signal: AbortSignal;
  /** Reports progress: shown as a progress line in a terminal and sent to hosts as `job.progress`. */
  report(progress: Progress): void;
}

export interface Trainer {
  name?: string;
  /** Starts the job and resolves once it is running. */
  start(ctx: RunContext): Promise<{ jobId: string }>;
  /** Resolves when the job has ended, with its final status. */
  wait(ctx: RunContext): Promise<TrainingResult>;
  /** Asks the job to stop; `wait()` should then settle soon. */
  cancel?(ctx: RunContext): Promise<void>;
}

/**
 * What `createArkor` returns and `export const arkor = ...` holds. The trainer
 * may be absent while a project has none yet (as upstream allows); `arkor start`
 * then takes the trainer from the next export in the discovery order.
 */
export interface ArkorManifest {
  readonly _kind: "arkor";
  readonly trainer?: Trainer;
}

export interface CreateArkorOptions {
  trainer?: Trainer;
}

export function createArkor(options: CreateArkorOptions = {}): ArkorManifest {
  const trainer = options?.trainer ?? undefined;
  // No trainer is allowed; a wrong one is refused here, where the user wrote it.
  if (trainer !== undefined && !isTrainer(trainer)) {
    throw new TypeError("createArkor({ trainer }) needs a trainer with start() and wait() methods, such as one from createTrainer({...}).");
  }
  return Object.freeze({ _kind: "arkor" as const, trainer });
}

/** Checks a trainer's shape and returns it, typed. */
export function createTrainer<T extends Trainer>(trainer: T): T {
  if (!isTrainer(trainer)) {
    throw new TypeError("createTrainer({...}) needs an object with start() and wait() methods.");
  }
  return trainer;
}

export function isArkor(value: unknown): value is ArkorManifest {
  return typeof value === "object" && value !== null && (value as { _kind?: unknown })._kind === "arkor";
}

/** An object, or a function with methods attached, that has start() and wait(). */
export function isTrainer(value: unknown): value is Trainer {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  const candidate = value as Partial<Trainer>;
  return typeof candidate.start === "function" && typeof candidate.wait === "function";
}
