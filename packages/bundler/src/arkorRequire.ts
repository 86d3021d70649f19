import path from "node:path";
import type { Plugin } from "esbuild";

const NAMESPACE = "arkor-require";

/**
 * `require("arkor")` in a trainer (a CommonJS entry, or a file it requires)
 * gets the whole API, as `import` does. Left to Node, the require would take
 * the package's `require` condition, the config-facing `defineConfig` alone
 * (made for CommonJS configs), and `createTrainer` would be undefined. The
 * require becomes a module that re-exports arkor's ES module, so the bundle
 * imports that once and a trainer shares its classes with the runner.
 */
export function arkorRequire(): Plugin {
  return {
    name: "arkor:require",
    setup(build) {
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      // Keyed by the requiring folder, whose node_modules the import resolves from as the require would have;
      // relative to the project, so the artifact names no absolute path and stays the same in any folder.
      build.onResolve({ filter: /^arkor$/ }, (args) =>
        args.kind === "require-call" ? { path: path.relative(cwd, args.resolveDir).split(path.sep).join("/") || ".", namespace: NAMESPACE } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: 'export * from "arkor";', loader: "js", resolveDir: path.resolve(cwd, args.path) }));
    },
  };
}
