import { fileURLToPath } from "node:url";
import { displayPath } from "@arkor/core";

/** `at fn (/abs/file.ts:5:9)`, `at /abs/file.ts:5:9` or the same with a file:// URL. */
const FRAME = /(?:\(|^at )((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?$/;

/**
 * Where user code threw, as `src/arkor/boom.ts:5:9`: the first stack frame
 * outside Node's internals and node_modules. Source maps are enabled before the
 * artifact loads, so this names the TypeScript source rather than the bundle.
 */
export function errorLocation(error: unknown, cwd: string): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("at ")) continue;
    const match = FRAME.exec(trimmed);
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!.replace(/\?.*$/, "")) : match[1]!;
    if (file.includes("/node_modules/")) continue;
    return `${displayPath(cwd, file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** `message (at file:line:column)` when a location is known. */
export function withLocation(message: string, error: unknown, cwd: string): string {
  const location = errorLocation(error, cwd);
  return location ? `${message} (at ${location})` : message;
}
