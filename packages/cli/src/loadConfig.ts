import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { configError, didYouMean, isArkorError, messageOf, stackFrames, validatePlugins, type ArkorPlugin } from "@arkor/core";

/** Looked for in this order in the project root; the first that exists is the config. */
export const CONFIG_FILE_NAMES = ["arkor.config.ts", "arkor.config.mts", "arkor.config.js", "arkor.config.mjs"];

const KNOWN_KEYS = ["plugins"];
const FIX = "Fix the config, or remove it to use the defaults.";

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The config's plugins, validated, in the order written. */
  plugins: ArkorPlugin[];
}

/** The first arkor.config.* in the project root, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

/**
 * Loads arkor.config.* the way vite.config.ts is loaded: bundled to a uniquely
 * named .mjs (.cjs for a CommonJS config) beside it (so its relative and node_modules imports resolve as
 * written), imported, and the temporary file removed whatever happens.
 * Every failure is a CONFIG_ERROR naming the file and the problem.
 */
export async function loadConfig(cwd: string): Promise<LoadedConfig | undefined> {
  const file = findConfigFile(cwd);
  if (!file) return undefined;
  const name = path.basename(file);
  const exports = await importConfig(file, name);
  return { file, plugins: validateConfig(exports, name) };
}

function validateConfig(exports: Record<string, unknown>, name: string): ArkorPlugin[] {
  if (!("default" in exports)) {
    throw configError(name, "it has no default export. Add one: export default defineConfig({ plugins: [] }).");
  }
  const config = exports.default;
  if (typeof config !== "object" || config === null || Array.isArray(config) || typeof (config as PromiseLike<unknown>).then === "function") {
    throw configError(name, `the default export must be an object, such as export default defineConfig({ plugins: [] }); got ${describe(config)}.`);
  }
  // Other keys are ignored, as vite ignores them (a config may be shared with other tools, or written for a newer arkor); only a near miss is refused.
  for (const key of Object.keys(config)) {
    const known = didYouMean(key, KNOWN_KEYS);
    if (known !== undefined) throw configError(name, `unknown key "${key}". Did you mean "${known}"?`);
  }
  const { plugins } = config as { plugins?: unknown };
  if (plugins === undefined) return [];
  if (!Array.isArray(plugins)) throw configError(name, `plugins must be an array, such as plugins: [myPlugin()]; got ${describe(plugins)}.`);
  try {
    return validatePlugins(plugins);
  } catch (error) {
    throw configError(name, messageOf(error), error);
  }
}

async function importConfig(file: string, name: string): Promise<Record<string, unknown>> {
  const { code, format } = await bundleConfig(file, name);
  // Beside the config, so bare imports resolve from the project's node_modules.
  const temp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp.${format === "cjs" ? "cjs" : "mjs"}`;
  // If the process exits while the config loads (Ctrl-C during a slow top-level await), `finally` never runs.
  const removeOnExit = () => rmSync(temp, { force: true });
  process.once("exit", removeOnExit);
  try {
    await writeFile(temp, code);
    // The inline source map lets a stack (and the location we print) point into the config itself.
    process.setSourceMapsEnabled(true);
    return (await import(pathToFileURL(temp).href)) as Record<string, unknown>;
  } catch (error) {
    if (isArkorError(error)) throw error;
    // The first line only: require() appends its "Require stack", naming the temporary file.
    const message = messageOf(error)
      .split("\n")[0]!
      .replaceAll(pathToFileURL(temp).href, name)
      .replaceAll(temp, name)
      .replace(/^Dynamic require of "(.*)" is not supported$/, 'require("$1") does not work in an ES module config; import it instead');
    const code = (error as NodeJS.ErrnoException).code;
    const notInstalled = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    throw configError(name, `${message}${locationIn(error, file)}. ${notInstalled ? "Install it in the project, or fix the import." : FIX}`, error);
  } finally {
    process.off("exit", removeOnExit);
    await rm(temp, { force: true });
  }
}

/**
 * Bundles the config for Node. An ES module config becomes ESM; a CommonJS one
 * (module.exports in a .js file) stays CommonJS, so its require() and __dirname work.
 */
async function bundleConfig(file: string, name: string): Promise<{ code: string; format: esbuild.Format }> {
  const build = (format: esbuild.Format) =>
    esbuild.build({
      entryPoints: [file],
      absWorkingDir: path.dirname(file),
      bundle: true,
      format,
      platform: "node",
      target: "node20",
      // node_modules imports stay imports, loaded by Node from the project as written.
      packages: "external",
      sourcemap: "inline",
      metafile: true,
      write: false,
      logLevel: "silent",
    });
  try {
    let result = await build("esm");
    const format = result.metafile.inputs[path.basename(file)]?.format === "cjs" ? "cjs" : "esm";
    if (format === "cjs") result = await build("cjs");
    return { code: result.outputFiles[0]!.text, format };
  } catch (error) {
    const first = (error as Partial<esbuild.BuildFailure>).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
    throw configError(name, `${where}${first.text}. ${FIX}`, error);
  }
}

/** ` (at arkor.config.ts:3:9)`: the first stack frame in the project's own files (the config or what it imports). */
function locationIn(error: unknown, file: string): string {
  const root = path.dirname(file);
  for (const frame of stackFrames(error)) {
    const relative = path.relative(root, frame.file);
    if (relative.startsWith("..") || path.isAbsolute(relative) || relative.split(path.sep).includes("node_modules") || /\.tmp\.[cm]js$/.test(relative)) continue;
    return ` (at ${relative.split(path.sep).join("/")}:${frame.line}:${frame.column})`;
  }
  return "";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof (value as PromiseLike<unknown> | undefined)?.then === "function") return "a Promise (await inside the config instead)";
  return typeof value === "function" ? "a function (export the object it returns instead)" : typeof value;
}
