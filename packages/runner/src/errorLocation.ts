import path from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath, stackFrames, type SourceLocation } from "@arkor/core";

// The runner's own files, so a frame of ours is never reported as the user's.
const OWN_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Where user code threw, as `src/arkor/boom.ts:5:9`: the first stack frame
 * outside Node's internals, node_modules and arkor. Source maps are enabled
 * before the artifact loads, so this names the TypeScript source rather than the bundle.
 */
export function errorLocation(error: unknown, cwd: string): string | undefined {
  const location = locationOf(error, cwd);
  return location && `${location.file}:${location.line}:${location.column}`;
}

/** The same, as a value (for the `error` event). */
export function locationOf(error: unknown, cwd: string): SourceLocation | undefined {
  const frame = stackFrames(error).find(
    ({ file }) => !file.split(path.sep).includes("node_modules") && !file.startsWith(OWN_DIR + path.sep),
  );
  return frame && { file: displayPath(cwd, frame.file), line: frame.line, column: frame.column };
}

/** `message (at file:line:column)` when a location is known. */
export function withLocation(message: string, error: unknown, cwd: string): string {
  const location = errorLocation(error, cwd);
  return location ? `${message} (at ${location})` : message;
}
