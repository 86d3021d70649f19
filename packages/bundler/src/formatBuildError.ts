import path from "node:path";
import type { Message } from "esbuild";

/** One esbuild message as `file:line:column: text`, with the offending line under it. */
export function formatBuildMessage(message: Message, cwd: string): string {
  const location = message.location;
  const text = message.pluginName ? `[esbuild plugin ${message.pluginName}] ${message.text}` : message.text;
  if (!location) return text;
  const file = path.isAbsolute(location.file) ? path.relative(cwd, location.file) : location.file;
  const hint = text.startsWith("Could not resolve \".") ? " (no such file: check the path, or create it)" : "";
  const head = `${file}:${location.line}:${location.column + 1}: ${text}${hint}`;
  if (!location.lineText) return head;
  const caret = " ".repeat(location.column) + "^".repeat(Math.max(1, location.length));
  return `${head}\n    ${location.lineText}\n    ${caret}`;
}
