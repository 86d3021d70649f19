import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { configError, isArkorError, messageOf, validatePlugins, type ArkorConfig, type ArkorPlugin } from "@arkor/core";

export const CONFIG_FILE_NAMES = ["arkor.config.ts", "arkor.config.mts", "arkor.config.js", "arkor.config.mjs"];

export interface LoadedConfig {
  file: string;
  plugins: ArkorPlugin[];
}

/** The first arkor.config.* in the project root, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

/**
 * Loads arkor.config.* the way vite.config.ts is loaded: bundled to a uniquely
 * named .mjs beside it (so its relative and node_modules imports resolve as
 * written), imported, and the temporary file removed whatever happens.
 */
export async function loadConfig(cwd: string): Promise<LoadedConfig | undefined> {
  const file = findConfigFile(cwd);
  if (!file) return undefined;
  const name = path.basename(file);
  const config = await importConfig(file, name);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw configError(name, `the default export must be an object, such as export default defineConfig({ plugins: [] }); got ${config === null ? "null" : Array.isArray(config) ? "an array" : typeof config}.`);
  }
  const plugins = (config as ArkorConfig).plugins ?? [];
  if (!Array.isArray(plugins)) throw configError(name, "plugins must be an array, such as plugins: [myPlugin()].");
  try {
    return { file, plugins: validatePlugins(plugins) };
  } catch (error) {
    throw configError(name, messageOf(error), error);
  }
}

async function importConfig(file: string, name: string): Promise<unknown> {
  const temp = path.join(path.dirname(file), `${name}.${process.pid}.${randomBytes(4).toString("hex")}.timestamp.mjs`);
  try {
    await writeFile(temp, await bundleConfig(file, name));
    process.setSourceMapsEnabled(true);
    const module = (await import(pathToFileURL(temp).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    if (isArkorError(error)) throw error;
    throw configError(name, `${messageOf(error)}${locationIn(error, file)}. Fix the config, or remove it to use the defaults.`, error);
  } finally {
    await rm(temp, { force: true });
  }
}

async function bundleConfig(file: string, name: string): Promise<string> {
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      absWorkingDir: path.dirname(file),
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      sourcemap: "inline",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const first = (error as esbuild.BuildFailure).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `${name}:${first.location.line}:${first.location.column + 1}: ` : "";
    throw configError(name, `${where}${first.text}. Fix the config, or remove it to use the defaults.`, error);
  }
}

/** ` (at arkor.config.ts:3:9)` when the error's stack points into the config. */
function locationIn(error: unknown, file: string): string {
  const stack = error instanceof Error ? error.stack ?? "" : "";
  const match = new RegExp(`${escape(pathToFileURL(file).href)}:(\\d+):(\\d+)|${escape(file)}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return "";
  return ` (at ${path.basename(file)}:${match[1] ?? match[3]}:${match[2] ?? match[4]})`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
