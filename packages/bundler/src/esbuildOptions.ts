import type { BuildOptions, Plugin } from "esbuild";
import { literalEntry } from "./literalEntry.js";
import { LOCATION_FALLBACK, locationFallback, SHIM_DEFINES } from "./sourceShims.js";
import { typescriptPackages } from "./typescriptPackages.js";

/** The spec's build: one ESM file for Node 22.6, bare imports left external, with a linked map. */
export function esbuildOptions(cwd: string, entry: string, outFile: string, esbuildPlugins: readonly Plugin[]): BuildOptions & { write: false; metafile: true } {
  const literal = literalEntry(entry, cwd);
  return {
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
    metafile: true,
    logLevel: "silent",
    // What bundling would change silently: a source's own location (see sourceShims.ts) ...
    define: SHIM_DEFINES,
    inject: [LOCATION_FALLBACK],
    // ... and an import or require it cannot follow, which resolves from .arkor/build/ instead of the file.
    logOverride: { "unsupported-dynamic-import": "warning", "unsupported-require-call": "warning" },
    // Ours last: a third-party onResolve still wins. See docs/typescript-packages.md.
    plugins: [...literal.plugins, locationFallback(), ...esbuildPlugins, typescriptPackages()],
  };
}
