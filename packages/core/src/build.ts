import path from "node:path";
import { raceAbort } from "./cancellation.js";
import { ARTIFACT_FILE_NAME, DEFAULT_OUT_DIR } from "./paths.js";
import { createPipeline, type Pipeline } from "./pipeline.js";

export interface BuildOptions {
  /** Project root; relative entries resolve against it. */
  cwd: string;
  /** The entry as the user typed it; the resolver picks the default when absent. */
  entry?: string;
  /** Plugins in order: the user's first, then the defaults. Or a pipeline made from them. */
  plugins: readonly unknown[] | Pipeline;
  signal?: AbortSignal;
}

export interface BuildOutput {
  /** Absolute path of the source entry that was bundled. */
  entry: string;
  /** Absolute path of the artifact. */
  outFile: string;
}

/** Resolve, then bundle: the whole of `arkor build`, over whatever plugins are given. */
export async function build(options: BuildOptions): Promise<BuildOutput> {
  const cwd = path.resolve(options.cwd);
  const pipeline = "hookFirst" in options.plugins ? options.plugins : createPipeline(options.plugins);
  // On abort, stop waiting at once: the bundler checks the signal before it writes, so the old artifact stays.
  const { signal } = options;
  const entry = path.resolve(cwd, await raceAbort(pipeline.hookFirst("resolveEntry", { cwd, entry: options.entry }), signal));
  const outDir = path.resolve(cwd, DEFAULT_OUT_DIR);
  const outFile = path.join(outDir, ARTIFACT_FILE_NAME);
  const result = await raceAbort(pipeline.hookFirst("bundle", { cwd, entry, outDir, outFile, signal }), signal);
  return { entry, outFile: path.resolve(cwd, result.outFile) };
}
