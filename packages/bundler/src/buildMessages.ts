import path from "node:path";
import type { Message } from "esbuild";
import type { BuildMessage } from "@arkor/core";

/** esbuild's messages as arkor's: 1-based columns, files relative to the project, notes kept. */
export function toBuildMessages(messages: readonly Message[], cwd: string): BuildMessage[] {
  return messages.map((message) => ({
    text: withHint(message.text),
    ...(message.id && { id: message.id }),
    ...(message.pluginName && { plugin: message.pluginName }),
    ...locationOf(message.location, cwd),
    ...notesOf(message, cwd),
  }));
}

function locationOf(location: Message["location"], cwd: string) {
  if (!location) return {};
  const file = path.isAbsolute(location.file) ? path.relative(cwd, location.file).split(path.sep).join("/") : location.file;
  // One line: for a plugin's callback, esbuild appends the JavaScript stack to it, which is not the user's to read.
  const lineText = location.lineText.split("\n")[0];
  return { file, line: location.line, column: location.column + 1, length: location.length, lineText };
}

/** esbuild names a missing relative import but not the fix; say it, in the frame and the summary line alike. */
function withHint(text: string): string {
  return text.startsWith('Could not resolve ".') ? `${text} (no such file: check the path, or create it)` : text;
}

/** What esbuild leaves unsaid for a module it cannot follow: where the artifact will look for it. */
const CONSEQUENCES: Record<string, string> = {
  "unsupported-dynamic-import":
    "Node resolves it when the artifact runs, from .arkor/build/: a relative path then misses this file's folder, and a .ts file cannot be loaded. Import a string literal, or a template literal such as `./models/${name}.ts`, which is bundled with every file it can match.",
  "unsupported-require-call":
    "Node resolves it when the artifact runs, from .arkor/build/: a relative path then misses this file's folder. Require a string literal, or use import with a template literal such as `./models/${name}.ts`, which is bundled with every file it can match.",
};

function notesOf(message: Message, cwd: string): { notes?: BuildMessage["notes"] } {
  const notes = message.notes.map((note) => ({ text: note.text, ...locationOf(note.location, cwd) }));
  const consequence = message.id ? CONSEQUENCES[message.id] : undefined;
  if (consequence) notes.push({ text: consequence });
  return notes.length > 0 ? { notes } : {};
}
