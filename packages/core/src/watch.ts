import path from "node:path";
import { commitBuild, failedBuildEnd } from "./build.js";
import { cannotWatch } from "./errors.js";
import type { Emitter } from "./events.js";
import { inputFiles, readManifest, type BuildManifest } from "./manifest.js";
import { errorEvent } from "./session.js";
import { watchFiles } from "./watchFiles.js";
import { ARTIFACT_FILE_NAME, DEFAULT_OUT_DIR } from "./paths.js";
import { createPipeline } from "./pipeline.js";
import type { ArkorPlugin, Awaitable, BundleResult, Watcher } from "./plugin.js";

export interface WatchOptions {
  cwd: string;
  entry?: string;
  /** Loads the plugins; called again whenever a `restartOn` file changes. */
  plugins: () => Awaitable<readonly unknown[]>;
  /** Files (the project's arkor.config.*) whose change reloads the plugins and restarts watching. */
  restartOn?: string[];
  configFile?: () => Awaitable<string | undefined>;
  emitter: Emitter;
  /** Aborting it stops watching; `watch` then resolves. */
  signal: AbortSignal;
}

/**
 * `arkor build --watch`: builds, then rebuilds on every change to an input,
 * each through the same atomic commit as a one-off build. A failed build is
 * reported and watching goes on; the last good artifact stays.
 *
 * The first plugin with a `bundle` hook owns watching: its `watch` hook when
 * it has one (esbuild's context), otherwise `bundle` is re-run whenever one
 * of the inputs it reported changes. Without inputs it cannot watch, and says so.
 */
export async function watch(options: WatchOptions): Promise<void> {
  const { signal } = options;
  const restart = watchFiles(options.restartOn ?? [], 0);
  try {
    while (!signal.aborted) {
      const stop = await watchOnce(options);
      await Promise.race([restart.next(), aborted(signal)]);
      await stop();
    }
  } finally {
    restart.close();
  }
}

/** One watching session with one set of plugins; resolves to the function that stops it. */
async function watchOnce(options: WatchOptions): Promise<() => Promise<void>> {
  const { cwd, emitter, signal } = options;
  let plugins: ArkorPlugin[];
  let entry: string;
  try {
    const pipeline = createPipeline(await options.plugins());
    plugins = [...pipeline.plugins];
    const startedAt = Date.now();
    emitter.emit({ type: "build.start", ...(options.entry !== undefined && { entry: path.resolve(cwd, options.entry) }) });
    try {
      entry = path.resolve(cwd, await pipeline.hookFirst("resolveEntry", { cwd, entry: options.entry }));
    } catch (error) {
      emitFailure(emitter, cwd, startedAt, error);
      throw error;
    }
  } catch (error) {
    // Nothing to watch until the config changes: report it, and wait.
    reportError(emitter, error);
    return async () => {};
  }
  const configFile = await options.configFile?.();
  const outDir = path.resolve(cwd, DEFAULT_OUT_DIR);
  const outFile = path.join(outDir, ARTIFACT_FILE_NAME);
  const owner = plugins.find((plugin) => plugin.bundle);
  let startedAt = Date.now();
  let watched = 0;
  // The last commit's manifest, kept rather than read back from disk on every rebuild.
  let previous: BuildManifest | undefined = readManifest(cwd);
  const lastInputs = inputFiles(cwd, previous);
  const onEnd = async (outcome: { result: BundleResult } | { error: unknown }, watchedNow?: number) => {
    if (watchedNow !== undefined) watched = watchedNow;
    try {
      if ("error" in outcome) throw outcome.error;
      const output = await commitBuild({ cwd, entry, result: outcome.result, bundler: owner!.name, startedAt, configFile, signal, previous });
      previous = output.manifest;
      if (watchedNow === undefined) watched = outcome.result.inputs?.length ?? watched;
      emitter.emit({ type: "build.end", ok: true, entry, outFile: output.outFile, durationMs: output.durationMs, bytes: output.bytes, sha256: output.sha256, warnings: output.warnings, errors: [] });
    } catch (error) {
      if (signal.aborted) return;
      emitFailure(emitter, cwd, startedAt, error, entry);
    }
    emitter.emit({ type: "watch.ready", inputs: watched });
  };
  const onStart = (changed?: string[]) => {
    startedAt = Date.now();
    // As a one-off build's: the entry only when one was given.
    emitter.emit({ type: "build.start", ...(options.entry !== undefined && { entry }), ...(changed && { changed }) });
  };

  if (owner?.watch) {
    const watcher: Watcher | null | undefined = await owner.watch({ cwd, entry, outDir, outFile, signal, lastInputs, onStart, onEnd });
    if (watcher) return async () => void (await watcher.close());
  }
  // No watch hook: re-run the pipeline's bundle whenever an input it reported changes.
  // Until a build succeeds, the last good build's inputs stand in (a fix to any of them must be seen); after that, each good build's own.
  let watchedFiles = [...new Set([entry, ...lastInputs])];
  const changes = watchFiles(watchedFiles, 30);
  const bundleOnce = async () => {
    try {
      const { answer } = await createPipeline(plugins).hookFirstAnswer("bundle", { cwd, entry, outDir, outFile, signal });
      const reported = answer.inputs ?? [];
      if (reported.length > 0) changes.setFiles((watchedFiles = reported));
      // A good build that reports no inputs leaves nothing to watch: said just after (cannotWatch).
      await onEnd({ result: answer }, reported.length > 0 ? watchedFiles.length : 0);
      return answer;
    } catch (error) {
      await onEnd({ error }, watchedFiles.length);
      return undefined;
    }
  };
  const first = await bundleOnce();
  if (first && (first.inputs ?? []).length === 0) {
    changes.close();
    reportError(emitter, cannotWatch(owner?.name ?? "the bundle plugin"));
    return async () => {};
  }
  let stopped = false;
  void (async () => {
    for (;;) {
      const changed = await changes.next();
      if (stopped) return;
      onStart(changed);
      await bundleOnce();
    }
  })();
  return async () => {
    stopped = true;
    changes.close();
  };
}

/** Emits a failed build's `build.end`, with the bundler's messages. */
function emitFailure(emitter: Emitter, cwd: string, startedAt: number, error: unknown, entry?: string): void {
  emitter.emit(failedBuildEnd(error, path.resolve(cwd, DEFAULT_OUT_DIR, ARTIFACT_FILE_NAME), startedAt, entry));
}

function reportError(emitter: Emitter, error: unknown): void {
  emitter.emit(errorEvent(error, process.env.ARKOR_DEBUG === "1"));
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}
