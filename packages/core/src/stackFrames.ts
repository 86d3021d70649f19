import { fileURLToPath } from "node:url";

export interface StackFrame {
  /** Absolute file path (a file:// URL is converted, its query dropped). */
  file: string;
  line: number;
  column: number;
}

// `at fn (/abs/file.ts:5:9)` or `at [async ]/abs/file.ts:5:9`, with a path or a file:// URL;
// on Windows `C:\abs\file.ts`, `\\server\share\file.ts` or `file:///C:/abs/file.ts`.
// The location starts at the first ` (` followed by one of those, so a folder
// named `p (copy)` stays part of the path.
const LOCATION_START = String.raw`(?:file:\/\/)?\/|[A-Za-z]:[\\/]|\\\\`;
const FRAME = new RegExp(String.raw`^at (?:async )?(?:.*? \()?((?:${LOCATION_START}).*?):(\d+):(\d+)\)?$`);

/** The file frames of an error's stack, innermost first; Node's internals (`node:…`) are left out. */
export function stackFrames(error: unknown): StackFrame[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames: StackFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    frames.push({ file: filePath(match[1]!), line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/** A frame's location as a path; its query (the runner's `?v=` cache key) dropped. */
function filePath(location: string): string {
  if (!location.startsWith("file://")) return location;
  const url = location.replace(/\?.*$/, "");
  // A Windows file URL is a Windows path wherever the stack is read, as Node's fileURLToPath makes it on Windows.
  if (/^file:\/\/\/[A-Za-z]:\//.test(url)) return decodeURIComponent(url.slice("file:///".length)).replaceAll("/", "\\");
  return fileURLToPath(url);
}

/** `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}
