import path from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath, stackFrames, type SourceLocation } from "@arkor/core";
import { mapStack } from "./sourceMappedStack.js";

// The runner's and core's packages (their dist and, through source maps, their src), so a frame of ours
// is never reported as the user's: createTrainer() throws from core, called by the user's line.
// Resolved when an error is first located, not when the runner loads: every trainer loads the runner through arkor.
let ownDirs: string[] | undefined;
const ownDirsOf = () =>
  (ownDirs ??= [fileURLToPath(import.meta.url), fileURLToPath(import.meta.resolve("@arkor/core"))].map((file) => path.dirname(path.dirname(file)) + path.sep));

const notUsers = (file: string) => file.split(path.sep).includes("node_modules") || ownDirsOf().some((dir) => file.startsWith(dir));

/**
 * Where user code threw, as `src/arkor/boom.ts:5:9`: the first stack frame
 * outside Node's internals, node_modules and arkor. It first maps the error's
 * stack through the bundle's source map (so the location, and the stack that
 * ARKOR_DEBUG=1 prints, name the TypeScript source rather than the bundle).
 */
export function errorLocation(error: unknown, cwd: string): string | undefined {
  const location = locationOf(error, cwd);
  return location && `${location.file}:${location.line}:${location.column}`;
}

/** The same, as a value (for the `error` event). */
export function locationOf(error: unknown, cwd: string): SourceLocation | undefined {
  mapStack(error, notUsers);
  const frame = stackFrames(error).find(({ file }) => !notUsers(file));
  return frame && { file: displayPath(cwd, frame.file), line: frame.line, column: frame.column };
}

/** `message (at file:line:column)` when a location is known. */
export function withLocation(message: string, error: unknown, cwd: string): string {
  const location = errorLocation(error, cwd);
  return location ? `${message} (at ${location})` : message;
}
