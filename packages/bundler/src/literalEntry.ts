import type * as esbuild from "esbuild";
import path from "node:path";

const LITERAL_ENTRY = "\0arkor:literal-entry";

/**
 * The esbuild options that make `entry` one file, whatever its name. esbuild
 * (0.19 and later) reads a `*` in an entry point as a wildcard and has no
 * escape. A path with one below `cwd` is passed under a placeholder name and
 * resolved back to itself by a plugin, which goes first but answers only for
 * that name (a file a plugin resolves gets no tsconfig from esbuild, so this is
 * the last resort). Other paths are passed as they are.
 */
export function literalEntry(entry: string, cwd?: string): { entryPoints: string[]; plugins: esbuild.Plugin[] } {
  if (!entry.includes("*")) return { entryPoints: [entry], plugins: [] };
  // A * only in the project's own path (`~/my*project/src/index.ts`): relative to it (esbuild's
  // absWorkingDir), the entry has none, and esbuild resolves it itself, which attaches its tsconfig.
  const relative = cwd === undefined ? entry : path.relative(cwd, entry);
  if (!relative.includes("*") && !relative.startsWith("..") && !path.isAbsolute(relative)) {
    return { entryPoints: [`./${relative.split(path.sep).join("/")}`], plugins: [] };
  }
  const plugin: esbuild.Plugin = {
    name: "arkor:literal-entry",
    setup(build) {
      build.onResolve({ filter: /^\0arkor:literal-entry$/ }, () => ({ path: entry }));
    },
  };
  return { entryPoints: [LITERAL_ENTRY], plugins: [plugin] };
}
