import { statSync } from "node:fs";
import path from "node:path";
import {
  DEFAULT_ENTRY,
  exitCodeForAbort,
  messageOf,
  raceAbort,
  SignalCancellation,
  trainerFailed,
  trainingEntryNotFound,
  withCancellation,
  type Trainer,
  type TrainingResult,
} from "@arkor/core";
import { withLocation } from "./errorLocation.js";
import { findTrainer } from "./findTrainer.js";
import { loadArtifact } from "./loadArtifact.js";

export interface Output {
  write(text: string): unknown;
}

export interface RunTrainerOptions {
  /** Where a relative path resolves from; defaults to `process.cwd()`. */
  cwd?: string;
  /** Aborting it cancels the job: `cancel()`, then up to `cancelTimeoutMs` for `wait()` to settle. */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers that cancel the job (the CLI does). Off by default. */
  handleSignals?: boolean;
  /** How long `wait()` may take to settle after a cancel. Default 10 000 ms. */
  cancelTimeoutMs?: number;
  /** Where progress lines go. Default `process.stdout` / `process.stderr`. */
  stdout?: Output;
  stderr?: Output;
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

export const DEFAULT_CANCEL_TIMEOUT_MS = 10_000;

/**
 * Imports a built trainer (or any ES module), finds its trainer, calls
 * `start()` then `wait()`, and reports the job's outcome. Rejects with an
 * ArkorError whose message says what to fix.
 */
export async function runTrainer(file?: string, options: RunTrainerOptions = {}): Promise<RunOutcome> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const absolute = path.resolve(cwd, file ?? DEFAULT_ENTRY);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isFile()) throw trainingEntryNotFound(absolute);
  return withCancellation(options, async (signal) => {
    const { trainer } = findTrainer(await raceAbort(loadArtifact(absolute, cwd), signal));
    return runJob(trainer, { ...options, cwd, signal });
  });
}

interface JobOptions extends RunTrainerOptions {
  cwd: string;
  signal: AbortSignal;
}

async function runJob(trainer: Trainer, options: JobOptions): Promise<RunOutcome> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const { signal, cwd } = options;

  const started = await callTrainer("start()", () => trainer.start(), cwd);
  const jobId = (started as { jobId?: unknown } | undefined)?.jobId;
  if (typeof jobId !== "string" || jobId === "") {
    throw trainerFailed(`The trainer's start() must resolve to { jobId: string }, but resolved to ${JSON.stringify(started) ?? String(started)}. Return the job's id from start().`);
  }
  stdout.write(`Started job ${jobId}\n`);

  const waiting = callTrainer("wait()", () => trainer.wait(), cwd).then(checkResult);
  const first = await Promise.race([waiting.then((result) => ({ result })), aborted(signal)]);
  if ("result" in first) {
    const status = first.result.job.status;
    stdout.write(`Job ${first.result.job.id ?? jobId} finished with status=${status}\n`);
    return { jobId, status, result: first.result, exitCode: status === "completed" ? 0 : 1, cancelled: false };
  }

  // Cancelled while the job runs: ask the trainer to stop, and give it a bounded time to.
  const reason = signal.reason;
  const timeoutMs = options.cancelTimeoutMs ?? DEFAULT_CANCEL_TIMEOUT_MS;
  // Only a signal comes through arkor's handlers, where a second one exits at once.
  const bySignal = reason instanceof SignalCancellation;
  const by = bySignal ? ` (${reason.signal})` : "";
  const hint = bySignal ? " Press Ctrl-C again to exit now." : "";
  stderr.write(`Cancelling job ${jobId}${by}; waiting up to ${timeoutMs / 1000}s for it to stop.${hint}\n`);
  // Not awaited on its own: a cancel() that never settles must not outlast the timeout.
  if (trainer.cancel) {
    void callTrainer("cancel()", () => trainer.cancel!(), cwd).catch((error) => stderr.write(`error: ${messageOf(error)}\n`));
  }
  const settled = await settleWithin(waiting, timeoutMs);
  let result: TrainingResult | undefined;
  if (settled === "timeout") {
    stderr.write(`Job ${jobId} did not stop within ${timeoutMs / 1000}s; exiting without waiting further.\n`);
  } else if (settled.ok) {
    result = settled.value;
    stdout.write(`Job ${result.job.id ?? jobId} finished with status=${result.job.status}\n`);
  }
  return { jobId, status: result?.job.status ?? "cancelled", result, exitCode: exitCodeForAbort(reason), cancelled: true };
}

/** Calls a trainer method, turning a throw or rejection into the trainer's own message and where it came from. */
async function callTrainer<T>(method: string, call: () => Promise<T>, cwd: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw trainerFailed(withLocation(`The trainer's ${method} failed: ${messageOf(error)}`, error, cwd), error);
  }
}

/** wait() must report how the job ended; anything else is the trainer's mistake, said plainly. */
function checkResult(result: TrainingResult): TrainingResult {
  if (typeof result?.job?.status === "string") return result;
  throw trainerFailed(
    `The trainer's wait() must resolve to { job: { id: string, status: string } }, but resolved to ${JSON.stringify(result) ?? String(result)}. Return the job's final status from wait().`,
  );
}

function aborted(signal: AbortSignal): Promise<{ aborted: true }> {
  if (signal.aborted) return Promise.resolve({ aborted: true });
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve({ aborted: true }), { once: true }));
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T> | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([
      promise.then((value): Settled<T> => ({ ok: true, value }), (error): Settled<T> => ({ ok: false, error })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
