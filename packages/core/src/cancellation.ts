import { ArkorError } from "./errors.js";

export type CancelSignal = "SIGINT" | "SIGTERM";

/** The conventional 128 + signal number. */
export const SIGNAL_EXIT_CODES: Record<CancelSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Why a run was cancelled, as the abort reason arkor uses: what to tell the
 * user and which exit code to end with. One class for every cause, so
 * cancelling works the same whatever started it.
 */
export class Cancellation extends Error {
  /** `SIGINT`, `SIGTERM`, `stdin`, `host-gone`, `crash` or `abort`: the `reason` of `cancel.requested`. */
  readonly reason: string;
  readonly exitCode: number;
  constructor(reason: string, exitCode: number, message: string) {
    super(message);
    this.name = "Cancellation";
    this.reason = reason;
    this.exitCode = exitCode;
  }
}

/** Ctrl-C or SIGTERM: 130 or 143. */
export class SignalCancellation extends Cancellation {
  readonly signal: CancelSignal;
  constructor(signal: CancelSignal) {
    super(signal, SIGNAL_EXIT_CODES[signal], `Cancelled by ${signal}`);
    this.signal = signal;
  }
}

/** A host that cannot send signals wrote `{"type":"cancel"}` to stdin: exactly like SIGTERM. */
export function stdinCancellation(): Cancellation {
  return new Cancellation("stdin", SIGNAL_EXIT_CODES.SIGTERM, "Cancelled by a cancel request on stdin");
}

/** Exit code after the reader of stdout or stderr went away: 128 + SIGPIPE, as esbuild and shells use. */
export const HOST_GONE_EXIT_CODE = 141;

/** stdout or stderr was closed (`arkor start | head -1`, a Studio tab closed): the host is gone. */
export function hostGoneCancellation(stream: string): Cancellation {
  return new Cancellation("host-gone", HOST_GONE_EXIT_CODE, `Cancelled: ${stream} was closed`);
}

/** The trainer threw from a timer or left a rejection unhandled: the job has failed, stop it. */
export function crashCancellation(error: unknown): Cancellation & { error: unknown } {
  return Object.assign(new Cancellation("crash", 1, "Cancelled: the trainer crashed"), { error });
}

/**
 * Turns the first SIGINT or SIGTERM into an abort of `controller`; a second
 * one calls `onForcedExit` (to say so) and exits at once with that signal's
 * code. Returns the function that removes the handlers. Only the CLI (or a
 * caller that asks) installs these.
 */
export function abortOnProcessSignals(controller: AbortController, onForcedExit?: (signal: CancelSignal) => void): () => void {
  const onSignal = (signal: CancelSignal) => {
    if (!controller.signal.aborted) {
      controller.abort(new SignalCancellation(signal));
      return;
    }
    if (onForcedExit) onForcedExit(signal);
    else process.stderr.write(`Received ${signal} again; exiting now.\n`);
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
  return reason instanceof Cancellation ? reason.exitCode : 1;
}

/** What `cancel.requested` says caused it. */
export function reasonOf(abortReason: unknown): string {
  return abortReason instanceof Cancellation ? abortReason.reason : "abort";
}

/** A run that was cancelled before its job ended (or began): exits with the cause's code. */
export class CancelledError extends ArkorError {
  readonly exitCode: number;
  constructor(reason: unknown, detail = "") {
    super("CANCELLED", `${reason instanceof Cancellation ? reason.message : "Cancelled"}${detail}.`, { cause: reason });
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

export interface CancellationOptions {
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers that abort (a second signal exits at once). */
  handleSignals?: boolean;
  /** Called just before a second signal exits the process, to say so. */
  onForcedExit?: (signal: CancelSignal) => void;
}

/**
 * Runs `task` with one AbortSignal that follows the caller's `signal` and,
 * when `handleSignals` is set, SIGINT and SIGTERM. Aborts surface as CancelledError.
 */
export async function withCancellation<T>(options: CancellationOptions, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const follow = () => controller.abort(options.signal!.reason);
  if (options.signal?.aborted) follow();
  options.signal?.addEventListener("abort", follow, { once: true });
  const removeHandlers = options.handleSignals ? abortOnProcessSignals(controller, options.onForcedExit) : () => {};
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
