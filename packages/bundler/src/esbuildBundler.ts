import * as esbuild from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildFailed, type ArkorPlugin, type BundleResult } from "@arkor/core";
import { toBuildMessages } from "./buildMessages.js";
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
    async watch({ cwd, entry, outFile, onStart, onEnd }) {
      let first = true;
      const report: esbuild.Plugin = {
        name: "arkor:watch",
        setup(build) {
          build.onStart(() => {
            if (!first) onStart();
            first = false;
          });
          build.onEnd(async (result) => {
            const errors = result.errors;
            if (errors.length > 0) await onEnd({ error: toBuildError({ errors, warnings: result.warnings }, cwd) });
            else await onEnd({ result: bundleResultOf(result as esbuild.BuildResult<{ write: false; metafile: true }>, cwd, outFile) });
          });
        },
      };
      const options = esbuildOptions(cwd, entry, outFile, [...esbuildPlugins]);
      const context = await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), report] });
      await context.watch();
      return { close: () => context.dispose() };
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
    inputs: [
      ...new Set(
        Object.keys(result.metafile.inputs)
          .filter((input) => !/^[\w-]+:/.test(input) || /^[a-zA-Z]:[\\/]/.test(input))
          .map((input) => inputFile(cwd, input)),
      ),
    ],
    exports: output?.exports ?? [],
    warnings: toBuildMessages(result.warnings, cwd),
  };
}

/**
 * The file behind a metafile input. An import with a query or hash, such as
 * `./data.csv?raw`, is listed with it; the file on disk has none, and is the
 * one the manifest must hash.
 */
function inputFile(cwd: string, input: string): string {
  const file = path.resolve(cwd, input);
  const suffix = /[?#]/.exec(input);
  return suffix && !existsSync(file) ? path.resolve(cwd, input.slice(0, suffix.index)) : file;
}

/** esbuild's failure as arkor's, with every error and warning; anything else as it was. */
export function toBuildError(error: unknown, cwd: string): Error {
  const failure = error as Partial<esbuild.BuildFailure>;
  if (!Array.isArray(failure.errors) || failure.errors.length === 0) return error as Error;
  return buildFailed(toBuildMessages(failure.errors, cwd), toBuildMessages(failure.warnings ?? [], cwd), error);
}
