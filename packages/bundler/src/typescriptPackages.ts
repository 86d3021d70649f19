import type { OnResolveResult, Plugin, ResolveResult } from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { packageName } from "@arkor/core";

/** Passed to `build.resolve` as pluginData, so the callback skips its own lookups. */
const LOOKUP = Symbol("arkor:typescript-packages lookup");

// Not relative nor POSIX-absolute (a Go regexp: no lookahead; Windows paths are checked below).
const BARE = /^[^./]/;
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * Keeps `packages: "external"` for packages that ship JavaScript, but bundles
 * inline the ones whose entry is a TypeScript file (workspace packages that
 * export `src/index.ts`): Node cannot load TypeScript from node_modules.
 *
 * It takes over esbuild's `packages: "external"`: every bare import is resolved
 * as esbuild would, then kept as the same bare import unless it lands on a
 * `.ts`/`.mts`/`.cts`/`.tsx` file. What esbuild bundled before still is (a
 * tsconfig `paths` alias to a project file), and an import esbuild cannot
 * resolve stays external, as before: it may only exist where the artifact runs.
 */
export function typescriptPackages(): Plugin {
  return {
    name: "arkor:typescript-packages",
    setup(build) {
      if (build.initialOptions.packages !== "external") return;
      // Options changed during setup apply to the build (esbuild's plugin API).
      build.initialOptions.packages = undefined;
      const { outfile, absWorkingDir } = build.initialOptions;
      const runsFrom = outfile ? path.dirname(path.resolve(absWorkingDir ?? process.cwd(), outfile)) : (absWorkingDir ?? process.cwd());
      build.onResolve({ filter: BARE }, async (args) => {
        if (args.pluginData === LOOKUP || path.isAbsolute(args.path)) return undefined;
        const found: ResolveResult = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          namespace: args.namespace,
          resolveDir: args.resolveDir,
          with: args.with,
          pluginData: LOOKUP,
        });
        const external: OnResolveResult = { path: args.path, external: true };
        if (found.errors.length > 0 || found.external) return external;
        const inline: OnResolveResult = { path: found.path, namespace: found.namespace, sideEffects: found.sideEffects, suffix: found.suffix };
        if (TYPESCRIPT.test(found.path)) return inline;
        // JavaScript stays external only where Node will find it when the artifact runs: from the
        // artifact's folder. Otherwise (an alias to a project file, or a dependency that only an
        // inlined workspace package can see, as in pnpm's strict layout) it is inlined.
        return isInstalled(args.path, runsFrom) ? external : inline;
      });
    },
  };
}

/** Whether Node would find the specifier's package in a node_modules folder at or above `dir`. */
function isInstalled(specifier: string, dir: string): boolean {
  const name = packageName(specifier);
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, "node_modules", name))) return true;
    if (path.dirname(current) === current) return false;
  }
}
