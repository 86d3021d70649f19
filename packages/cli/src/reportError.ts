import { isArkorError } from "@arkor/core";
import type { Writable } from "node:stream";
import { colorsFor, type Colors } from "./colors.js";

/**
 * A user's mistake prints as one line, without a stack (ARKOR_DEBUG=1 adds it);
 * anything unexpected prints as an internal error with its stack. Returns the exit code.
 */
export function reportError(error: unknown, stderr: Writable, env: NodeJS.ProcessEnv = process.env): number {
  const debug = env.ARKOR_DEBUG === "1";
  if (isArkorError(error)) {
    stderr.write(errorLine(error.message, colorsFor(stderr, env)));
    if (debug) stderr.write(`${stackOf(error.cause ?? error)}\n`);
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return typeof exitCode === "number" ? exitCode : 1;
  }
  stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  stderr.write(`${stackOf(error)}\n`);
  stderr.write("This is a bug in arkor. Please report it with the output above (set ARKOR_DEBUG=1 for more detail).\n");
  return 1;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : String(error);
}

/** `error: message`, with `error:` in red when the stream takes colours, as the text reporter writes arkor's own errors. */
export function errorLine(message: string, colors: Colors): string {
  return `${colors.red("error:")} ${message}\n`;
}
