import { displayPath, type BuildOutput } from "@arkor/core";

/** `Built src/arkor/index.ts → .arkor/build/index.mjs`, paths relative to the project. */
export function builtLine(cwd: string, output: BuildOutput): string {
  return `Built ${displayPath(cwd, output.entry)} → ${displayPath(cwd, output.outFile)}\n`;
}
