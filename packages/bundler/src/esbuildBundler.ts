import * as esbuild from "esbuild";
import { artifactUnwritable, buildFailed, messageOf, type ArkorPlugin } from "@arkor/core";
import { formatBuildMessage } from "./formatBuildError.js";
import { literalEntry } from "./literalEntry.js";
import { typescriptPackages } from "./typescriptPackages.js";
import { writeAtomic } from "./writeAtomic.js";

export interface EsbuildBundlerOptions {
  /**
   * Third-party esbuild plugins. They run before arkor's own, so their
   * `onResolve` and `onLoad` callbacks win.
   */
  esbuildPlugins?: esbuild.Plugin[];
}

/** The spec's build: one ESM file for Node 22.6, bare imports left external. */
export function esbuildBundler(options: EsbuildBundlerOptions = {}): ArkorPlugin {
  const esbuildPlugins = options.esbuildPlugins ?? [];
  return {
    name: "arkor:esbuild",
    async bundle({ cwd, entry, outFile, signal }) {
      signal?.throwIfAborted();
      let result: esbuild.BuildResult<{ write: false }>;
      const literal = literalEntry(entry);
      try {
        result = await esbuild.build({
          absWorkingDir: cwd,
          entryPoints: literal.entryPoints,
          outfile: outFile,
          bundle: true,
          format: "esm",
          platform: "node",
          target: "node22.6",
          packages: "external",
          sourcemap: "linked",
          write: false,
          logLevel: "silent",
          // Ours last: a third-party onResolve still wins. See docs/typescript-packages.md.
          plugins: [...literal.plugins, ...esbuildPlugins, typescriptPackages()],
        });
      } catch (error) {
        throw toBuildError(error, cwd);
      }
      // Aborted while esbuild ran: keep the previous artifact as it was.
      signal?.throwIfAborted();
      const artifactLast = [...result.outputFiles].sort((a, b) => Number(a.path === outFile) - Number(b.path === outFile));
      try {
        await writeAtomic(artifactLast);
      } catch (error) {
        throw artifactUnwritable(outFile, (error as NodeJS.ErrnoException).code ?? messageOf(error), error);
      }
      return { outFile };
    },
  };
}

function toBuildError(error: unknown, cwd: string): Error {
  const failure = error as Partial<esbuild.BuildFailure>;
  if (!Array.isArray(failure.errors) || failure.errors.length === 0) return error as Error;
  const [first, ...rest] = failure.errors;
  const more = rest.length > 0 ? ` (and ${rest.length} more error${rest.length > 1 ? "s" : ""})` : "";
  return buildFailed(`Build failed: ${formatBuildMessage(first!, cwd)}${more}`, error);
}

