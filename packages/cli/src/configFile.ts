import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Looked for in this order in the project root; the first that exists is the config. Every extension Node (or esbuild for it) can load as code. */
export const CONFIG_FILE_NAMES = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((extension) => `arkor.config.${extension}`);

/** The first arkor.config.* in the project root, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

/** An arkor.config.* that arkor does not load (`.json`, `.yaml`): loading the config refuses it by name. */
export function otherConfigFile(cwd: string): string | undefined {
  try {
    return readdirSync(cwd).find((name) => /^arkor\.config\.[^.]+$/.test(name) && !CONFIG_FILE_NAMES.includes(name));
  } catch {
    return undefined;
  }
}

/**
 * Whether the project has any arkor.config.* at all (one arkor loads, or one
 * it refuses by name), without loading the config loader and esbuild: a
 * project without one needs neither.
 */
export function hasConfigFile(cwd: string): boolean {
  return findConfigFile(cwd) !== undefined || otherConfigFile(cwd) !== undefined;
}
