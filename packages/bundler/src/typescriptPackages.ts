import type { Plugin, ResolveResult } from "esbuild";
import path from "node:path";

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
 * `.ts`/`.mts`/`.cts`/`.tsx` file. An import esbuild cannot resolve stays
 * external too, as before: it may only exist where the artifact runs.
 */
export function typescriptPackages(): Plugin {
  return {
    name: "arkor:typescript-packages",
    setup(build) {
      if (build.initialOptions.packages !== "external") return;
      // Options changed during setup apply to the build (esbuild's plugin API).
      build.initialOptions.packages = undefined;
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
        if (found.errors.length === 0 && !found.external && TYPESCRIPT.test(found.path)) {
          return { path: found.path, namespace: found.namespace, sideEffects: found.sideEffects, suffix: found.suffix };
        }
        return { path: args.path, external: true };
      });
    },
  };
}
