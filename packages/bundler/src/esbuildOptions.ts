import type { BuildOptions, Plugin } from "esbuild";
import { literalEntry } from "./literalEntry.js";
import { typescriptPackages } from "./typescriptPackages.js";

/** The spec's build: one ESM file for Node 22.6, bare imports left external, with a linked map. */
export function esbuildOptions(cwd: string, entry: string, outFile: string, esbuildPlugins: readonly Plugin[]): BuildOptions & { write: false; metafile: true } {
  const literal = literalEntry(entry);
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
    // Ours last: a third-party onResolve still wins. See docs/typescript-packages.md.
    plugins: [...literal.plugins, ...esbuildPlugins, typescriptPackages()],
  };
}
