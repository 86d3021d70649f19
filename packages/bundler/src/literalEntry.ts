import type * as esbuild from "esbuild";

const LITERAL_ENTRY = "\0arkor:literal-entry";

/**
 * The esbuild options that make `entry` one file, whatever its name. esbuild
 * (0.19 and later) reads a `*` in an entry point as a wildcard and has no
 * escape, so a path with one (a project in `~/my*project`) is passed under a
 * placeholder name and resolved back to itself by a plugin, which goes first
 * but answers only for that name. Other paths are passed as they are.
 */
export function literalEntry(entry: string): { entryPoints: string[]; plugins: esbuild.Plugin[] } {
  if (!entry.includes("*")) return { entryPoints: [entry], plugins: [] };
  const plugin: esbuild.Plugin = {
    name: "arkor:literal-entry",
    setup(build) {
      build.onResolve({ filter: /^\0arkor:literal-entry$/ }, () => ({ path: entry }));
    },
  };
  return { entryPoints: [LITERAL_ENTRY], plugins: [plugin] };
}
