import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildFailed, resolveBelow, watchFiles, type ArkorPlugin, type BundleResult } from "@arkor/core";
import { toBuildMessages } from "./buildMessages.js";
import { configInputs } from "./configInputs.js";
import { esbuildOptions } from "./esbuildOptions.js";
import { withRequireShim } from "./requireShim.js";
import { needsSourceShims, shimCandidates, sourceShims } from "./sourceShims.js";
import { WorkerEntries } from "./workerEntries.js";

export interface EsbuildBundlerOptions {
  /**
   * Third-party esbuild plugins. They run before arkor's own, so their
   * `onResolve` and `onLoad` callbacks win.
   */
  esbuildPlugins?: esbuild.Plugin[];
}

/** The spec's build with esbuild. arkor writes the files it returns, with the manifest, atomically. */
export function esbuildBundler(options: EsbuildBundlerOptions = {}): ArkorPlugin {
  const esbuildPlugins = options.esbuildPlugins ?? [];
  return {
    name: "arkor:esbuild",
    async bundle({ cwd, entry, outFile, signal }) {
      signal?.throwIfAborted();
      let result: BuiltResult;
      try {
        result = await bundleAll(cwd, entry, outFile, esbuildPlugins);
      } catch (error) {
        throw toBuildError(error, cwd);
      }
      return bundleResultOf(result, cwd, outFile);
    },
    // esbuild's context rebuilds incrementally; arkor's own watcher says when. (esbuild's
    // watch() polls, scanning a random part of the files each time, so a save could wait
    // for a scan to come round; a file system event starts the rebuild at once.)
    async watch({ cwd, entry, outFile, lastInputs, onStart, onEnd }) {
      const context = await esbuild.context(esbuildOptions(cwd, entry, outFile, esbuildPlugins));
      // Until a build succeeds, the last good build's inputs (a failed build reports none); a failed build
      // keeps watching those, and adds every file its messages point at, where the fix will likely be made.
      let watched = new Set([entry, ...lastInputs]);
      const changes = watchFiles([...watched], 10);
      let closed = false;
      const rebuild = async () => {
        try {
          const bundled = bundleResultOf(await bundleAll(cwd, entry, outFile, esbuildPlugins, await context.rebuild()), cwd, outFile);
          watched = new Set([entry, ...(bundled.inputs ?? [])]);
          changes.setFiles([...watched]);
          await onEnd({ result: bundled }, watched.size);
        } catch (error) {
          for (const file of filesNamedBy(error, cwd)) watched.add(file);
          changes.setFiles([...watched]);
          await onEnd({ error: toBuildError(error, cwd) }, watched.size);
        }
      };
      await rebuild();
      void (async () => {
        for (;;) {
          const changed = await changes.next();
          if (closed) return;
          onStart(changed);
          await rebuild();
        }
      })();
      return {
        async close() {
          closed = true;
          changes.close();
          await context.dispose();
        },
      };
    },
  };
}

/**
 * The artifact's build, then one for each worker it starts (and each worker
 * those start), merged into one result: every output file, every input. `first`
 * is the artifact's first pass when a context made it (watch mode).
 */
async function bundleAll(cwd: string, entry: string, outFile: string, esbuildPlugins: esbuild.Plugin[], first?: BuiltResult): Promise<BuiltResult> {
  const workers = new WorkerEntries(path.dirname(outFile));
  const results = [await withSourceShims(first ?? (await esbuild.build(esbuildOptions(cwd, entry, outFile, esbuildPlugins))), cwd, entry, outFile, esbuildPlugins, workers)];
  // A Map visits what is added while it is iterated: a worker's own workers come in turn.
  for (const [source, output] of workers.outputs) {
    results.push(await withSourceShims(await esbuild.build(esbuildOptions(cwd, source, output, esbuildPlugins)), cwd, source, output, esbuildPlugins, workers));
  }
  if (results.length === 1) return results[0]!;
  return {
    ...results[0]!,
    outputFiles: results.flatMap((result) => result.outputFiles),
    metafile: { inputs: Object.assign({}, ...results.map((result) => result.metafile.inputs)), outputs: Object.assign({}, ...results.map((result) => result.metafile.outputs)) },
    warnings: results.flatMap((result) => result.warnings),
    errors: results.flatMap((result) => result.errors),
  };
}

/**
 * The build again, with each source's own location, when its output uses
 * one (see sourceShims.ts); the result as it was otherwise.
 */
async function withSourceShims(result: BuiltResult, cwd: string, entry: string, outFile: string, esbuildPlugins: esbuild.Plugin[], workers: WorkerEntries): Promise<BuiltResult> {
  if (!needsSourceShims(result, outFile)) return result;
  // Options anew: plugins change them during setup.
  const options = esbuildOptions(cwd, entry, outFile, esbuildPlugins);
  return esbuild.build({ ...options, plugins: [sourceShims(shimCandidates(result, cwd), outFile, workers), ...(options.plugins ?? [])] });
}

type BuiltResult = esbuild.BuildResult<{ write: false; metafile: true }>;

/** What arkor needs from an esbuild result: the files, the inputs and exports (from the metafile), the warnings. */
export function bundleResultOf(result: BuiltResult, cwd: string, outFile: string): BundleResult {
  const output = Object.entries(result.metafile.outputs).find(([file]) => path.resolve(cwd, file) === outFile)?.[1];
  return {
    outFile,
    outputFiles: withRequireShim(result.outputFiles),
    // Inputs in other namespaces (a plugin's virtual modules) are not files to watch or hash.
    inputs: withConfigs([
      ...new Set(
        Object.keys(result.metafile.inputs)
          .filter((input) => !/^[\w-]+:/.test(input) || /^[a-zA-Z]:[\\/]/.test(input))
          .map((input) => inputFile(cwd, input)),
      ),
    ]),
    exports: output?.exports ?? [],
    warnings: toBuildMessages(result.warnings, cwd),
  };
}

/** The sources, then the tsconfig and package.json files that steered how esbuild read them. */
function withConfigs(sources: string[]): string[] {
  const seen = new Set(sources);
  return [...sources, ...configInputs(sources).filter((file) => !seen.has(file))];
}

/**
 * The file behind a metafile input. An import with a query or hash, such as
 * `./data.csv?raw`, is listed with it; the file on disk has none, and is the
 * one the manifest must hash.
 */
function inputFile(cwd: string, input: string): string {
  const file = resolveBelow(cwd, input);
  const suffix = /[?#]/.exec(input);
  return suffix && !existsSync(file) ? path.resolve(cwd, input.slice(0, suffix.index)) : file;
}

/** The files an esbuild failure's messages point at, absolute. */
function filesNamedBy(error: unknown, cwd: string): string[] {
  const failure = error as Partial<esbuild.BuildFailure>;
  const messages = [...(Array.isArray(failure.errors) ? failure.errors : []), ...(Array.isArray(failure.warnings) ? failure.warnings : [])];
  return messages.flatMap((message) => (message.location?.file ? [inputFile(cwd, message.location.file)] : [])).filter((file) => existsSync(file));
}

/** esbuild's failure as arkor's, with every error and warning; anything else as it was. */
export function toBuildError(error: unknown, cwd: string): Error {
  const failure = error as Partial<esbuild.BuildFailure>;
  if (!Array.isArray(failure.errors) || failure.errors.length === 0) return error as Error;
  return buildFailed(toBuildMessages(failure.errors, cwd), toBuildMessages(failure.warnings ?? [], cwd), error);
}
