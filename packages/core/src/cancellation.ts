import { ArkorError } from "./errors.js";

export type CancelSignal = "SIGINT" | "SIGTERM";

/** The conventional 128 + signal number. */
export const SIGNAL_EXIT_CODES: Record<CancelSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** The abort reason arkor uses, so a run knows which signal stopped it. */
export class SignalCancellation extends Error {
  readonly signal: CancelSignal;
  constructor(signal: CancelSignal) {
    super(`Cancelled by ${signal}`);
    this.name = "SignalCancellation";
    this.signal = signal;
  }
}

/**
 * Turns the first SIGINT or SIGTERM into an abort of `controller`; a second
 * one exits at once with that signal's code. Returns the function that removes
 * the handlers. Only the CLI (or a caller that asks) installs these.
 */
export function abortOnProcessSignals(controller: AbortController): () => void {
  const onSignal = (signal: CancelSignal) => {
    if (!controller.signal.aborted) {
      controller.abort(new SignalCancellation(signal));
      return;
    }
    process.stderr.write(`Received ${signal} again; exiting now.\n`);
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

/** The exit code a run stopped by `reason` should end with. */
export function exitCodeForAbort(reason: unknown): number {
  return reason instanceof SignalCancellation ? SIGNAL_EXIT_CODES[reason.signal] : 1;
}

/** A run that was cancelled before its job ended (or began): exits with the signal's code. */
export class CancelledError extends ArkorError {
  readonly exitCode: number;
  constructor(reason: unknown) {
    super("CANCELLED", reason instanceof SignalCancellation ? `Cancelled by ${reason.signal}.` : "Cancelled.", { cause: reason });
    this.name = "CancelledError";
    this.exitCode = exitCodeForAbort(reason);
  }
}

/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  // If the abort wins, the loser may still reject later: that is expected, not unhandled.
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

/**
 * Runs `task` with one AbortSignal that follows the caller's `signal` and,
 * when `handleSignals` is set, SIGINT and SIGTERM. Aborts surface as CancelledError.
 */
export async function withCancellation<T>(
  options: { signal?: AbortSignal; handleSignals?: boolean },
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const follow = () => controller.abort(options.signal!.reason);
  if (options.signal?.aborted) follow();
  options.signal?.addEventListener("abort", follow, { once: true });
  const removeHandlers = options.handleSignals ? abortOnProcessSignals(controller) : () => {};
  try {
    return await task(controller.signal);
  } catch (error) {
    if (controller.signal.aborted && error === controller.signal.reason) throw new CancelledError(error);
    throw error;
  } finally {
    removeHandlers();
    options.signal?.removeEventListener("abort", follow);
  }
}
