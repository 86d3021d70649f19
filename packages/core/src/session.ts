import { SIGNAL_EXIT_CODES, type CancelSignal } from "./cancellation.js";
import { isArkorError, messageOf } from "./errors.js";
import type { Emitter, ErrorEvent } from "./events.js";

export interface SessionOptions {
  /** Put every error's stack in its event (ARKOR_DEBUG=1); internal errors always carry theirs. */
  debug?: boolean;
}

/**
 * Runs one command or API call so that its stream always ends well: an error
 * becomes an `error` event, and `end` comes last with the exit code. Resolves
 * to the task's value; rethrows its error after emitting it.
 */
export async function inSession<T>(emitter: Emitter, task: () => Promise<T>, exitCodeOf: (value: T) => number, options: SessionOptions = {}): Promise<T> {
  try {
    const value = await task();
    emitter.emit({ type: "end", exitCode: exitCodeOf(value) });
    return value;
  } catch (error) {
    emitter.emit(errorEvent(error, options.debug ?? process.env.ARKOR_DEBUG === "1"));
    emitter.emit({ type: "end", exitCode: exitCodeOfError(error) });
    throw error;
  }
}

/** What a second signal says, as events, before it exits the process at once (see withCancellation's onForcedExit). */
export function forcedExitEvents(emitter: Emitter): (signal: CancelSignal) => void {
  return (signal) => {
    emitter.emit({ type: "error", code: "CANCELLED", message: `Received ${signal} again; exiting now.` });
    emitter.emit({ type: "end", exitCode: SIGNAL_EXIT_CODES[signal] });
  };
}

/** An error as an event: our own with its code and one-line message, anything else as INTERNAL with its stack. */
export function errorEvent(error: unknown, debug = false): ErrorEvent {
  if (isArkorError(error)) {
    const location = (error as { location?: { file: string; line: number; column: number } }).location;
    const stack = debug ? stackOf(error.cause ?? error) : undefined;
    return { type: "error", code: error.code, message: error.message, ...location, ...(stack && { stack }) };
  }
  return { type: "error", code: "INTERNAL", message: messageOf(error), stack: stackOf(error) };
}

export function exitCodeOfError(error: unknown): number {
  const exitCode = (error as { exitCode?: unknown } | undefined)?.exitCode;
  return isArkorError(error) && typeof exitCode === "number" ? exitCode : 1;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : String(error);
}
