import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { literalEntry } from "@arkor/bundler";
import { configError, didYouMean, isArkorError, messageOf, stackFrames, validatePlugins, type ArkorConfig, type ArkorPlugin } from "@arkor/core";
import { validateJobsConfig } from "./jobsConfig.js";
import { writeConfigModule } from "./configModule.js";

import { CONFIG_FILE_NAMES, findConfigFile, otherConfigFile } from "./configFile.js";

export { CONFIG_FILE_NAMES, findConfigFile } from "./configFile.js";

const KNOWN_KEYS = ["plugins", "backend", "backends", "slurm"];
const FIX = "Fix the config, or remove it to use the defaults.";

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The config's plugins, validated, in the order written. */
  plugins: ArkorPlugin[];
  /** Where command trainers' jobs run (docs/jobs.md): `backend`, `backends`, `slurm`, validated. */
  jobs: Pick<ArkorConfig, "backend" | "backends" | "slurm">;
}

/**
 * Loads arkor.config.* the way vite.config.ts is loaded: bundled to a uniquely
 * named .mjs (.cjs for a CommonJS config) beside it, or in .arkor/ when the
 * project folder is read-only (writeConfigModule), imported, and the temporary
 * file removed whatever happens.
 * Every failure is a CONFIG_ERROR naming the file and the problem.
 */
export async function loadConfig(cwd: string): Promise<LoadedConfig | undefined> {
  const file = findConfigFile(cwd);
  if (!file) return refuseOtherConfig(cwd);
  const name = path.basename(file);
  const exports = await importConfig(file, name);
  const plugins = validateConfig(exports, name);
  return { file, plugins, jobs: validateJobsConfig(exports.default as Record<string, unknown>, name) };
}

/** An arkor.config.json (or .yaml, .tsx…) would otherwise be ignored without a word. */
function refuseOtherConfig(cwd: string): undefined {
  const other = otherConfigFile(cwd);
  if (other === undefined) return undefined;
  const names = CONFIG_FILE_NAMES.map((name, index) => (index === 0 ? name : name.slice("arkor.config".length)));
  throw configError(other, `arkor loads its config only from ${names.slice(0, -1).join(", ")} or ${names.at(-1)}, as code. Rename it to one of those.`);
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
  const temp = await writeConfigModule(file, code, format === "cjs" ? "cjs" : "mjs");
  // If the process exits while the config loads (Ctrl-C during a slow top-level await), `finally` never runs.
  const removeOnExit = () => rmSync(temp, { force: true });
  process.once("exit", removeOnExit);
  try {
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
  const { entryPoints, plugins } = literalEntry(file);
  const build = (format: esbuild.Format) =>
    esbuild.build({
      entryPoints,
      plugins,
      absWorkingDir: path.dirname(file),
      bundle: true,
      format,
      platform: "node",
      target: "node20",
      // node_modules imports stay imports, loaded by Node from the project as written.
      packages: "external",
      sourcemap: "inline",
      metafile: true,
      // The module may be written elsewhere (see writeConfigModule): the config still sees its own location.
      define: locationOf(file),
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

function locationOf(file: string): Record<string, string> {
  const dirname = JSON.stringify(path.dirname(file));
  const filename = JSON.stringify(file);
  return {
    "import.meta.url": JSON.stringify(pathToFileURL(file).href),
    "import.meta.dirname": dirname,
    "import.meta.filename": filename,
    __dirname: dirname,
    __filename: filename,
  };
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
