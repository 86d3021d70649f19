import { createRequire } from "node:module";
import type { BuildMessage } from "@arkor/core";
import type { PartialMessage } from "esbuild";

type Esbuild = typeof import("esbuild");
let esbuild: Esbuild | undefined;

/**
 * Build messages the way esbuild prints them (code frame, notes, the plugin's
 * name), by esbuild's own formatMessages. Loaded only when a build has
 * something to say, so `arkor start` on a fresh artifact never loads esbuild.
 */
export function formatBuildMessages(messages: readonly BuildMessage[], kind: "error" | "warning", color: boolean, terminalWidth?: number): string {
  if (messages.length === 0) return "";
  esbuild ??= createRequire(import.meta.url)("esbuild") as Esbuild;
  return esbuild.formatMessagesSync(messages.map(toEsbuild), { kind, color, terminalWidth }).join("");
}

function toEsbuild(message: BuildMessage): PartialMessage {
  return {
    id: message.id,
    pluginName: message.plugin,
    text: message.text,
    location: locationOf(message),
    notes: message.notes?.map((note) => ({ text: note.text, location: locationOf(note) })),
  };
}

function locationOf(message: { file?: string; line?: number; column?: number; length?: number; lineText?: string }): PartialMessage["location"] {
  if (!message.file) return null;
  return { file: message.file, line: message.line, column: (message.column ?? 1) - 1, length: message.length, lineText: message.lineText };
}
