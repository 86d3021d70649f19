import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Looked for in this order in the project root; the first that exists is the config. Every extension Node (or esbuild for it) can load as code. */
export const CONFIG_FILE_NAMES = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((extension) => `arkor.config.${extension}`);

/** The first arkor.config.* in the project root, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

/**
 * Whether the project has any arkor.config.* at all (one arkor loads, or one
 * it refuses by name), without loading the config loader and esbuild: a
 * project without one needs neither.
 */
export function hasConfigFile(cwd: string): boolean {
  if (findConfigFile(cwd) !== undefined) return true;
  try {
    return readdirSync(cwd).some((name) => /^arkor\.config\.[^.]+$/.test(name));
  } catch {
    return false;
  }
}
