import type { OnResolveArgs, OnResolveResult, Plugin, ResolveResult } from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { packageName } from "@arkor/core";
import { bareImportFilter, NODE_BUILTINS } from "./bareImportFilter.js";

/** Passed to `build.resolve` as pluginData, so the callback skips its own lookups. */
const LOOKUP = Symbol("arkor:typescript-packages lookup");

// `arkor` is the runtime SDK: the spec keeps it external, and it ships JavaScript.
const ALWAYS_EXTERNAL = ["arkor", "arkor/*"];
// Bare imports that can name a TypeScript package. Node's built-ins and `arkor` never reach JS:
// esbuild keeps them external in Go, which matters when every module imports them.
// Windows absolute paths are checked in the callback.
const BARE = bareImportFilter({ names: [...NODE_BUILTINS, "arkor"], prefixes: ["node:", "arkor/"] });
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
      build.initialOptions.external = [...(build.initialOptions.external ?? []), ...ALWAYS_EXTERNAL];
      const { outfile, absWorkingDir } = build.initialOptions;
      const runsFrom = outfile ? path.dirname(path.resolve(absWorkingDir ?? process.cwd(), outfile)) : (absWorkingDir ?? process.cwd());
      // One answer per import and folder: a thousand modules importing `arkor` resolve it once.
      const answers = new Map<string, Promise<OnResolveResult | undefined>>();
      const installed = new Map<string, boolean>();
      // Per build: in watch mode a package may be installed or changed between rebuilds.
      build.onStart(() => {
        answers.clear();
        installed.clear();
      });
      build.onResolve({ filter: BARE }, (args) => {
        if (args.pluginData === LOOKUP || path.isAbsolute(args.path)) return undefined;
        const key = JSON.stringify([args.path, args.kind, args.namespace, args.resolveDir, args.with]);
        let answer = answers.get(key);
        if (!answer) answers.set(key, (answer = resolveBare(args)));
        return answer;
      });

      async function resolveBare(args: OnResolveArgs): Promise<OnResolveResult | undefined> {
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
        // Inlined by letting esbuild resolve the import itself (no answer here): a path a plugin returns
        // carries no tsconfig, so the file would be compiled without its tsconfig.json (legacy decorators,
        // jsx, useDefineForClassFields...). esbuild's own resolution attaches the file's nearest one.
        const inline = undefined;
        if (TYPESCRIPT.test(found.path)) return inline;
        // JavaScript stays external only where Node will find it when the artifact runs: from the
        // artifact's folder. Otherwise (an alias to a project file, or a dependency that only an
        // inlined workspace package can see, as in pnpm's strict layout) it is inlined.
        const name = packageName(args.path);
        if (!installed.has(name)) installed.set(name, isInstalled(name, runsFrom));
        return installed.get(name) ? external : inline;
      }
    },
  };
}

/** Whether Node would find the package `name` in a node_modules folder at or above `dir`. */
function isInstalled(name: string, dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, "node_modules", name))) return true;
    if (path.dirname(current) === current) return false;
  }
}
