import {
  CancelledError,
  describeValue,
  isArkorError,
  crashCancellation,
  exitCodeForAbort,
  jsonSafe,
  messageOf,
  reasonOf,
  trainerFailed,
  type JobCrash,
  type Emitter,
  type Progress,
  type RunContext,
  type SubmittedJob,
  type JobSpec,
  type Trainer,
  type TrainingResult,
} from "@arkor/core";

import { locationOf, withLocation } from "./errorLocation.js";
import { settleWithin } from "./settleWithin.js";

export interface JobOptions {
  cwd: string;
  signal: AbortSignal;
  emitter: Emitter;
  cancelTimeoutMs: number;
  /**
   * The run owns the process (the CLI): a crash in trainer code (an uncaught
   * exception or unhandled rejection) fails the job, and an event loop that
   * empties while start() or wait() is pending is reported rather than exiting 13.
   */
  ownsProcess?: boolean;
  /** What `ctx.submit()` does: runs a command job on the chosen backend (jobsContext.ts). */
  submit?: (spec: JobSpec) => Promise<SubmittedJob>;
}

export interface RunOutcome {
  jobId: string;
  /** The job's final status; `cancelled` when it was cancelled and did not report one. */
  status: string;
  /** What `wait()` resolved to, when it did. */
  result?: TrainingResult;
  /** 0 when the job completed; 1 when it failed or was cancelled; 130/143 after SIGINT/SIGTERM. */
  exitCode: number;
  cancelled: boolean;
}

/**
 * Drives one job: `start()`, then `wait()`, emitting as it goes. A cancel
 * (a signal, the host, a crash) at any point aborts `ctx.signal`, calls
 * `cancel()` once a job id exists, and gives the trainer `cancelTimeoutMs`
 * in all to settle.
 */
/** How long a finished job's leftovers (a stray timer) may run before the run is over, when it owns the process. */
const LEFTOVERS_MS = 500;

export async function runJob(trainer: Trainer, options: JobOptions): Promise<RunOutcome> {
  const { cwd, emitter } = options;
  const controller = new AbortController();
  const follow = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) follow();
  else options.signal.addEventListener("abort", follow, { once: true });
  let jobId: string | undefined;
  // One warning per field a report got wrong, however many reports repeat it (a NaN loss every step).
  const warned = new Set<string>();
  const warnOnce = (field: string, problem: string) => {
    if (warned.has(field)) return;
    warned.add(field);
    emitter.emit({ type: "warning", code: "PROGRESS_INVALID", message: `ctx.report()${field === "(argument)" ? "" : ":"} ${problem}` });
  };
  const ctx: RunContext = {
    signal: controller.signal,
    report: (progress) => emitter.emit({ type: "job.progress", ...(jobId !== undefined && { jobId }), ...progressOf(progress, warnOnce) }),
    submit: (spec) => {
      if (!options.submit) throw new Error("this run has no job backend (runJob was called without one).");
      return options.submit(spec);
    },
  };
  const stopGuarding = options.ownsProcess ? guardProcess(controller) : { loopEmptied: new Promise<never>(() => {}), remove() {} };
  const aborted = new Promise<"aborted">((resolve) => {
    if (controller.signal.aborted) resolve("aborted");
    controller.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });

  try {
    const starting = callTrainer("start()", () => trainer.start(ctx), cwd).then(checkStarted);
    const started = await Promise.race([starting, aborted, stopGuarding.loopEmptied.catch((error) => pending(error, "start()"))]);
    if (started !== "aborted") {
      jobId = started;
      emitter.emit({ type: "job.started", jobId });
    }
    let waiting: Promise<TrainingResult> | undefined;
    const startWaiting = () => {
      waiting = callTrainer("wait()", () => trainer.wait(ctx), cwd).then(checkResult);
      waiting.catch(() => {});
      return waiting;
    };
    if (started !== "aborted") {
      const ended = await Promise.race([startWaiting(), aborted, stopGuarding.loopEmptied.catch((error) => pending(error, "wait()"))]);
      if (ended !== "aborted") {
        // What the trainer left running (a stray timer) runs before the job is said to be over:
        // a crash there fails the run, said with the job's end, not after a line that says success.
        const crash = options.ownsProcess ? await crashAfterWait() : undefined;
        return finished(jobId!, ended, false, 1, false, crash);
      }
    }
    return await cancelJob();

    async function cancelJob(): Promise<RunOutcome> {
      const reason = controller.signal.reason;
      const timeoutMs = options.cancelTimeoutMs;
      emitter.emit({ type: "cancel.requested", reason: reasonOf(reason), ...(jobId !== undefined && { jobId }), timeoutMs });
      const deadline = Date.now() + timeoutMs;
      if (jobId === undefined) {
        // start() has the aborted ctx.signal; a job it still starts gets cancel() like any other.
        const settled = await settleWithin(starting, timeoutMs);
        if (settled === "timeout" || !settled.ok) throw endOf(reason, settled === "timeout" ? `; start() did not settle within ${seconds(timeoutMs)}` : "");
        jobId = settled.value;
        emitter.emit({ type: "job.started", jobId });
      }
      if (trainer.cancel) {
        // Not awaited on its own: a cancel() that never settles must not outlast the timeout.
        void callTrainer("cancel()", () => trainer.cancel!(ctx), cwd).catch((error) => emitter.emit({ type: "error", code: "TRAINER_FAILED", message: messageOf(error) }));
      }
      // A job that started during the cancel is asked to stop before it is waited for.
      const settled = await settleWithin(waiting ?? startWaiting(), Math.max(0, deadline - Date.now()));
      const result = settled !== "timeout" && settled.ok ? settled.value : undefined;
      const outcome = finished(jobId, result, true, exitCodeForAbort(reason), settled === "timeout");
      if (isCrash(reason)) throw crashError(reason.error);
      return outcome;
    }
  } finally {
    stopGuarding.remove();
    options.signal.removeEventListener("abort", follow);
  }

  /**
   * Waits until the trainer's leftovers are done (the event loop empties) or
   * LEFTOVERS_MS pass (a timer it never clears), and gives the crash that came
   * meanwhile, if one did. A signal meanwhile changes nothing: the job is over.
   */
  async function crashAfterWait(): Promise<JobCrash | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, LEFTOVERS_MS).unref()));
    await Promise.race([waited, stopGuarding.loopEmptied.catch(() => {}), aborted]);
    clearTimeout(timer);
    const reason = controller.signal.reason;
    if (!controller.signal.aborted || !isCrash(reason)) return undefined;
    return { message: messageOf(reason.error), ...locationOf(reason.error, cwd) };
  }

  function finished(
    id: string,
    result: TrainingResult | undefined,
    cancelled: boolean,
    abortCode = 1,
    timedOut = false,
    crash?: JobCrash,
  ): RunOutcome {
    const status = result?.job.status ?? "cancelled";
    const exitCode = crash ? 1 : cancelled ? abortCode : status === "completed" ? 0 : 1;
    const finalId = typeof result?.job.id === "string" && result.job.id !== "" ? result.job.id : id;
    const message = typeof result?.job.message === "string" && status !== "completed" ? result.job.message : undefined;
    emitter.emit({
      type: "job.finished",
      jobId: finalId,
      status,
      exitCode,
      cancelled,
      ...(result !== undefined && { result: jsonSafe(result) }),
      ...(timedOut && { timedOut }),
      ...(message !== undefined && { message }),
      ...(crash && { crash }),
    });
    return { jobId: id, status, result, exitCode, cancelled };
  }

  function endOf(reason: unknown, detail: string): Error {
    return isCrash(reason) ? crashError(reason.error) : new CancelledError(reason, detail);
  }

  function crashError(error: unknown): Error {
    return trainerFailed(withLocation(`The trainer crashed: ${messageOf(error)}`, error, cwd), error, locationOf(error, cwd));
  }

  async function callTrainer<T>(method: string, call: () => T | Promise<T>, cwd: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // A job arkor could not start (a command not found, a scheduler's refusal) says so itself, in its own words.
      if (isArkorError(error) && PASSED_THROUGH.has(error.code)) throw error;
      throw trainerFailed(withLocation(`The trainer's ${method} failed: ${messageOf(error)}`, error, cwd), error, locationOf(error, cwd));
    }
  }
}

/** Errors of arkor's own job machinery, raised inside a command trainer's start(): not the trainer's fault. */
const PASSED_THROUGH = new Set(["JOB_NOT_STARTED", "BACKEND_UNAVAILABLE", "UNKNOWN_BACKEND", "CONFIG_ERROR", "INVALID_OPTION"]);

function pending(error: unknown, method: string): never {
  void error;
  throw trainerFailed(
    `The trainer's ${method} never settled, and the event loop emptied: nothing (a timer, a socket, a child process) keeps its job running. Make ${method} settle when the job ends, or keep the job's work alive until it does.`,
  );
}

function isCrash(reason: unknown): reason is { error: unknown } & Error {
  return reason instanceof Error && (reason as { reason?: unknown }).reason === "crash";
}

function checkStarted(started: { jobId: string } | undefined): string {
  const jobId = (started as { jobId?: unknown } | undefined)?.jobId;
  if (typeof jobId === "string" && jobId !== "") return jobId;
  throw trainerFailed(`The trainer's start() must resolve to { jobId: string }, but resolved to ${describeValue(started)}. Return the job's id from start().`);
}

/** wait() must report how the job ended; anything else is the trainer's mistake, said plainly. */
function checkResult(result: TrainingResult): TrainingResult {
  if (typeof result?.job?.status === "string") return result;
  throw trainerFailed(
    `The trainer's wait() must resolve to { job: { id: string, status: string } }, but resolved to ${describeValue(result)}. Return the job's final status from wait().`,
  );
}

/**
 * Only what the event's schema allows, so a host can trust the types. What is
 * left out is said, once per field (`warn` dedupes): a NaN loss silently
 * missing from the chart looks like a bug in arkor, not in the training.
 */
function progressOf(progress: Progress, warn: (field: string, problem: string) => void): Progress {
  if (typeof progress !== "object" || progress === null || Array.isArray(progress)) {
    warn("(argument)", `takes an object such as { step, total, metrics, message }, but got ${describeValue(progress)}; it is ignored.`);
    return {};
  }
  const finite = (field: string, value: unknown): value is number => {
    if (typeof value === "number" && Number.isFinite(value)) return true;
    if (value !== undefined) warn(field, `${field} is ${describeValue(value)}, not a finite number; it is left out of the progress.`);
    return false;
  };
  const metrics = Object.entries(progress.metrics ?? {}).filter(([name, value]) => finite(`metrics.${name}`, value));
  if (progress.message !== undefined && typeof progress.message !== "string") warn("message", `message is ${describeValue(progress.message)}, not a string; it is left out of the progress.`);
  return {
    ...(finite("step", progress.step) && { step: progress.step }),
    ...(finite("total", progress.total) && { total: progress.total }),
    ...(metrics.length > 0 && { metrics: Object.fromEntries(metrics) }),
    ...(typeof progress.message === "string" && { message: progress.message }),
  };
}

function seconds(ms: number): string {
  return `${ms / 1000}s`;
}

/**
 * While the job runs in a process it owns: a crash in trainer code cancels
 * the job as failed; an event loop that empties rejects `loopEmptied`.
 */
function guardProcess(controller: AbortController): { loopEmptied: Promise<never>; remove(): void } {
  const onCrash = (error: unknown) => {
    if (!controller.signal.aborted) controller.abort(crashCancellation(error));
  };
  let onEmpty!: () => void;
  const loopEmptied = new Promise<never>((_, reject) => (onEmpty = () => reject(new Error("event loop emptied"))));
  loopEmptied.catch(() => {});
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  process.on("beforeExit", onEmpty);
  return {
    loopEmptied,
    remove() {
      process.off("uncaughtException", onCrash);
      process.off("unhandledRejection", onCrash);
      process.off("beforeExit", onEmpty);
    },
  };
}
