import { fileURLToPath } from "node:url";

export interface StackFrame {
  /** Absolute file path (a file:// URL is converted, its query dropped). */
  file: string;
  line: number;
  column: number;
}

// `at fn (/abs/file.ts:5:9)` or `at /abs/file.ts:5:9`, with a path or a file:// URL.
// The location starts at the first ` (` followed by `/` or `file://`, so a folder
// named `p (copy)` stays part of the path.
const FRAME = /^at (?:.*? \()?((?:file:\/\/)?\/.*?):(\d+):(\d+)\)?$/;

/** The file frames of an error's stack, innermost first; Node's internals (`node:…`) are left out. */
export function stackFrames(error: unknown): StackFrame[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames: StackFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const location = match[1]!;
    const file = location.startsWith("file://") ? fileURLToPath(location.replace(/\?.*$/, "")) : location;
    frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/** `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}
