import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { raceAbort } from "./cancellation.js";
import { artifactUnwritable, bundleOutputMissing, invalidOption, messageOf } from "./errors.js";
import { createEmitter, type BuildEndEvent, type BuildMessage, type Emitter } from "./events.js";
import { createManifest, manifestPath, readManifest, sha256Of, type BuildManifest } from "./manifest.js";
import { ARTIFACT_FILE_NAME, DEFAULT_OUT_DIR } from "./paths.js";
import { createPipeline, type Pipeline } from "./pipeline.js";
import type { BundleResult } from "./plugin.js";
import { removeStaleTemps, writeAtomic } from "./writeAtomic.js";

export interface BuildOptions {
  /** Project root; relative entries resolve against it. */
  cwd: string;
  /** The entry as the user typed it; the resolver picks the default when absent. */
  entry?: string;
  /** Plugins in order: the user's first, then the defaults. Or a pipeline made from them. */
  plugins: readonly unknown[] | Pipeline;
  signal?: AbortSignal;
  /** Receives `build.start` and `build.end`. */
  emitter?: Emitter;
  /** The config file the plugins came from, recorded in the manifest so editing it makes the build stale. */
  configFile?: string;
}

export interface BuildOutput {
  /** Absolute path of the source entry that was bundled. */
  entry: string;
  /** Absolute path of the artifact. */
  outFile: string;
  bytes: number;
  sha256: string;
  durationMs: number;
  warnings: BuildMessage[];
  /** The manifest written beside the artifact. */
  manifest: BuildManifest;
}

/**
 * Resolve, bundle, then write the artifact, its map and the manifest
 * together: the whole of `arkor build`, over whatever plugins are given.
 * Emits `build.start` and `build.end` (also when it fails).
 */
export async function build(options: BuildOptions): Promise<BuildOutput> {
  const cwd = path.resolve(options.cwd);
  const emitter = options.emitter ?? createEmitter();
  const startedAt = Date.now();
  const outDir = path.resolve(cwd, DEFAULT_OUT_DIR);
  const outFile = path.join(outDir, ARTIFACT_FILE_NAME);
  emitter.emit({ type: "build.start", ...(options.entry !== undefined && { entry: path.resolve(cwd, options.entry) }) });
  let entry: string | undefined;
  try {
    const pipeline = pipelineOf(options.plugins);
    const { signal } = options;
    entry = path.resolve(cwd, await raceAbort(pipeline.hookFirst("resolveEntry", { cwd, entry: options.entry }), signal));
    const bundling = raceAbort(pipeline.hookFirstAnswer("bundle", { cwd, entry, outDir, outFile, signal }), signal);
    // Read while the bundler works, when Node's thread is idle. (Not the inputs' stats: those must be taken after the bundler read them.)
    const previous = readManifest(cwd);
    const { answer: result, plugin } = await bundling;
    const output = await commitBuild({ cwd, entry, result, bundler: plugin.name, startedAt, signal, configFile: options.configFile, previous });
    emitter.emit({ type: "build.end", ok: true, entry, outFile: output.outFile, durationMs: output.durationMs, bytes: output.bytes, sha256: output.sha256, warnings: output.warnings, errors: [] });
    return output;
  } catch (error) {
    emitter.emit(failedBuildEnd(error, outFile, startedAt, entry));
    throw error;
  }
}

/** The plugins as given, or a pipeline; a program that passed nothing or a loader (as `startProject` takes) is told what to pass. */
function pipelineOf(plugins: BuildOptions["plugins"] | undefined): Pipeline {
  const fix = 'pass plugins: await loadPlugins(cwd), with loadPlugins from "arkor/plugins", to build as arkor build does.';
  if (plugins === undefined || plugins === null) throw invalidOption(`build() needs the plugins to build with: ${fix}`);
  if (typeof plugins === "function") throw invalidOption(`build() takes the plugins themselves, not a function that loads them: ${fix}`);
  return "hookFirst" in plugins ? plugins : createPipeline(plugins);
}

export interface CommitOptions {
  cwd: string;
  entry: string;
  result: BundleResult;
  /** The plugin that answered `bundle`. */
  bundler: string;
  startedAt: number;
  signal?: AbortSignal;
  configFile?: string;
  /** The manifest of the build before; read here when not given. */
  previous?: BuildManifest;
}

/**
 * Writes a bundle's output files with the manifest, atomically and only if
 * not cancelled by then (see writeAtomic), or checks the artifact a plugin
 * wrote itself and records it. The one place a build becomes the artifact.
 */
export async function commitBuild(options: CommitOptions): Promise<BuildOutput> {
  const { cwd, entry, result, bundler, startedAt, signal } = options;
  const outFile = path.resolve(cwd, result.outFile);
  await removeStaleTemps(path.dirname(outFile));
  const files = result.outputFiles;
  const artifact = files ? files.find((file) => path.resolve(file.path) === outFile)?.contents : await readWritten(outFile);
  if (!artifact) throw bundleOutputMissing(bundler, outFile, files ? "is not among the files it returned" : "does not exist");
  if (artifact.byteLength === 0) throw bundleOutputMissing(bundler, outFile, "is empty");
  const sha256 = sha256Of(artifact);
  const others = (files ?? []).filter((file) => path.resolve(file.path) !== outFile);
  const manifest = createManifest({
    previous: "previous" in options ? options.previous : readManifest(cwd),
    cwd,
    entry,
    outFile,
    bundler,
    artifact: { bytes: artifact.byteLength, sha256 },
    outputs: files ? others : undefined,
    inputs: result.inputs,
    exports: result.exports,
    configFile: options.configFile,
    startedAt,
  });
  // The manifest records the artifact's time as written (its temp's: a rename keeps it), so a start can trust size and time.
  const manifestFile = {
    path: manifestPath(cwd),
    contents: (tempOf: ReadonlyMap<string, string>) => {
      const written = statSync(tempOf.get(outFile) ?? outFile, { throwIfNoEntry: false });
      if (written) manifest.artifact.mtimeMs = written.mtimeMs;
      return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
  // The artifact first, so it is renamed last: a reader that finds the new artifact finds its map, workers and manifest in place.
  try {
    await writeAtomic(files ? [{ path: outFile, contents: artifact }, ...others, manifestFile] : [manifestFile], signal);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    throw artifactUnwritable(outFile, (error as NodeJS.ErrnoException).code ?? messageOf(error), error);
  }
  return { entry, outFile, bytes: artifact.byteLength, sha256, durationMs: Date.now() - startedAt, warnings: result.warnings ?? [], manifest };
}

/** The artifact a plugin wrote itself, or undefined when it is not there. */
async function readWritten(file: string): Promise<Uint8Array | undefined> {
  return readFile(file).catch(() => undefined);
}

/** The `build.end` of a build that failed with `error`: the bundler's messages when it gave them. */
export function failedBuildEnd(error: unknown, outFile: string, startedAt: number, entry?: string): BuildEndEvent {
  return {
    type: "build.end",
    ok: false,
    ...(entry !== undefined && { entry }),
    outFile,
    durationMs: Date.now() - startedAt,
    bytes: 0,
    sha256: "",
    warnings: messagesOf(error, "warnings"),
    errors: messagesOf(error, "errors"),
  };
}

/** A failed build's messages: the bundler's own when it gave them, else the error's message. */
function messagesOf(error: unknown, kind: "errors" | "warnings"): BuildMessage[] {
  const messages = (error as { [key: string]: unknown } | undefined)?.[kind === "errors" ? "buildErrors" : "buildWarnings"];
  if (Array.isArray(messages)) return messages as BuildMessage[];
  if (kind === "warnings") return [];
  const plugin = (error as { plugin?: unknown })?.plugin;
  return [{ text: messageOf(error), ...(typeof plugin === "string" && { plugin }) }];
}
