import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildFailed, resolveBelow, watchFiles, type ArkorPlugin, type BundleResult } from "@arkor/core";
import { toBuildMessages } from "./buildMessages.js";
import { configInputs } from "./configInputs.js";
import { esbuildOptions } from "./esbuildOptions.js";

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
      let result: esbuild.BuildResult<{ write: false; metafile: true }>;
      try {
        result = await esbuild.build(esbuildOptions(cwd, entry, outFile, esbuildPlugins));
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
          const bundled = bundleResultOf(await context.rebuild(), cwd, outFile);
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

/** What arkor needs from an esbuild result: the files, the inputs and exports (from the metafile), the warnings. */
export function bundleResultOf(result: esbuild.BuildResult<{ write: false; metafile: true }>, cwd: string, outFile: string): BundleResult {
  const output = Object.entries(result.metafile.outputs).find(([file]) => path.resolve(cwd, file) === outFile)?.[1];
  return {
    outFile,
    outputFiles: result.outputFiles.map((file) => ({ path: file.path, contents: file.contents })),
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
