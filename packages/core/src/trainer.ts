import type { Progress } from "./events.js";
import type { Awaitable } from "./plugin.js";
import { didYouMean } from "./didYouMean.js";
import { checkJobSpec, JobSpecError, type JobResources, type JobSpec } from "./jobSpec.js";

/**
 * The contract between arkor and user code. Values are recognised by shape,
 * never by `instanceof`: the user's bundle loads its own copy of `arkor`.
 */

/** The statuses arkor understands; only `completed` counts as success (exit 0). */
export type TrainingStatus = "completed" | "failed" | "cancelled" | "timeout" | "lost";
export const TRAINING_STATUSES: readonly TrainingStatus[] = ["completed", "failed", "cancelled", "timeout", "lost"];

/** What `wait()` resolves with: how the job ended. */
export interface TrainingResult {
  job: {
    /** The job's id, as `start()` returned it. */
    id: string;
    /**
     * How the job ended. Only `"completed"` counts as success (`arkor start` exits 0);
     * any other status, one of arkor's or your own, exits 1 and is shown as it is.
     */
    status: TrainingStatus | (string & {});
    /** Why it ended when it did not complete; shown to the user on the final line. */
    message?: string;
  };
  /** What the job produced (checkpoints, model files), for the caller of `runTrainer`; arkor does not read it. */
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
  /**
   * Runs a command as a job on the backend chosen for this run (`--backend`,
   * `ARKOR_BACKEND`, the config; `local` by default), recorded in the job
   * store. Its logs become `log` events and its progress file `job.progress`
   * events while it is waited for. What a command trainer's start() calls.
   */
  submit(spec: JobSpec): Promise<SubmittedJob>;
}

/** A job a backend accepted: arkor's id for it, and how to wait for or stop it. */
export interface SubmittedJob {
  /** arkor's id for the job (its folder in `.arkor/jobs/`). */
  readonly id: string;
  /** The backend that runs it, and its own id there (a pid, Slurm's job id). */
  readonly backend: string;
  readonly backendId: string;
  /** Follows the job until it ends; resolves with its final status. */
  wait(): Promise<TrainingResult>;
  /** Stops the job through its backend: SIGTERM, then after the cancel timeout SIGKILL (or scancel). */
  cancel(): Promise<void>;
}

/** What arkor drives: `start()`, then `wait()`; `cancel()` on Ctrl-C, SIGTERM or a host's Stop. */
export interface Trainer {
  /** Shown in `run.start` and the Studio. */
  name?: string;
  /** Starts the job and returns (or resolves, when async) once it is running, with its id. */
  start(ctx: RunContext): Awaitable<{ jobId: string }>;
  /** Returns (or resolves) when the job has ended, with its final status. */
  wait(ctx: RunContext): Awaitable<TrainingResult>;
  /** Asks the job to stop; `wait()` should then settle soon. */
  cancel?(ctx: RunContext): Awaitable<void>;
}

/**
 * A key `createTrainer` does not know, named in the type error: a trainer's
 * fields are `name`, `start`, `wait` and `cancel`; a command trainer's `name`,
 * `command`, `env` and `resources`. arkor would never read it, so a misspelt
 * `nmae` or `cancle()` is an error where it is written.
 */
export interface NotATrainerField<Key> {
  readonly notATrainerField: Key;
}

type TrainerFields<T> = T extends { command: unknown } ? keyof CommandTrainerOptions : keyof Trainer;

/** `T` with each key a trainer does not have made a type error that names it, as vite's `defineConfig` does for its options. */
export type ExactTrainer<T> = T & { [K in Exclude<keyof T, TrainerFields<T>>]: NotATrainerField<K> };

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

/** A trainer that runs a command instead of coding start() and wait(): what a backend runs. */
export interface CommandTrainerOptions {
  name?: string;
  /** The program and its arguments, run in the project root without a shell. */
  command: readonly string[];
  /** Added to the job's environment. */
  env?: Readonly<Record<string, string | number>>;
  /** What a scheduler must reserve: `{ cpus, memory, gpus, time }`. */
  resources?: JobResources;
}

export interface CommandTrainer extends Trainer {
  readonly command: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly resources?: JobResources;
}

/**
 * Checks a trainer and returns it, typed. Given `command` instead of
 * start()/wait(), makes the trainer that runs it as a job.
 */
export function createTrainer<T extends Trainer | CommandTrainerOptions>(options: ExactTrainer<T>): T extends { command: unknown } ? CommandTrainer : T;
export function createTrainer(trainer: Trainer | CommandTrainerOptions): Trainer {
  if (typeof trainer === "object" && trainer !== null && "command" in trainer) return commandTrainer(trainer);
  if (!isTrainer(trainer)) {
    throw new TypeError("createTrainer({...}) needs an object with start() and wait() methods, or a command to run.");
  }
  return trainer;
}

const COMMAND_TRAINER_KEYS = ["name", "command", "env", "resources"];

function commandTrainer(options: CommandTrainerOptions): CommandTrainer {
  // Not type-checked at build time (esbuild strips types): a near miss such as `resource` would be ignored without a word.
  for (const key of Object.keys(options)) {
    const near = didYouMean(key, COMMAND_TRAINER_KEYS);
    if (near) throw new JobSpecError(key, `is not a field of a command trainer; did you mean "${near}"?`);
  }
  const mixed = (["start", "wait", "cancel"] as const).find((method) => method in options);
  if (mixed) throw new JobSpecError(mixed, `cannot be given with command: a trainer either runs a command or codes start() and wait(). Remove one of them.`);
  if (options.name !== undefined && typeof options.name !== "string") throw new JobSpecError("name", "must be a string.");
  const spec: JobSpec = { ...(options.name !== undefined && { name: options.name }), ...checkJobSpec(options) };
  // One trainer object may run several times in one process (runTrainer in a loop): each run's job is keyed by its context.
  const jobs = new WeakMap<RunContext, SubmittedJob>();
  const jobOf = (ctx: RunContext, method: string) => {
    const job = jobs.get(ctx);
    if (!job) throw new Error(`${method} was called before start() submitted the job.`);
    return job;
  };
  return Object.freeze({
    ...(spec.name !== undefined && { name: spec.name }),
    command: Object.freeze(spec.command),
    ...(spec.env && { env: Object.freeze(spec.env) }),
    ...(spec.resources && { resources: Object.freeze(spec.resources) }),
    async start(ctx: RunContext) {
      if (typeof ctx?.submit !== "function") {
        throw new Error(`this trainer runs a command (${spec.command.join(" ")}); run it with arkor start, or runTrainer() from the same arkor.`);
      }
      const job = await ctx.submit(spec);
      jobs.set(ctx, job);
      return { jobId: job.id };
    },
    wait: (ctx: RunContext) => jobOf(ctx, "wait()").wait(),
    async cancel(ctx: RunContext) {
      await jobs.get(ctx)?.cancel();
    },
  });
}

/** Whether a trainer runs a command (made by createTrainer({ command })). */
export function isCommandTrainer(value: unknown): value is CommandTrainer {
  return isTrainer(value) && Array.isArray((value as Partial<CommandTrainer>).command);
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
