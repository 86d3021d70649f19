import type { Plugin } from "esbuild";

/**
 * An esbuild plugin for the bundled clipanion: its `import tty from "tty"`
 * serves only a colour probe that runs when clipanion loads, and arkor passes
 * colours itself (src/reporters/colors.ts). clipanion already handles a
 * platform without `tty` (it falls back to FORCE_COLOR and `isTTY`), so the
 * import becomes `undefined` and no command pays for loading the built-in.
 */
export function withoutBuiltin(name: string, importer: RegExp): Plugin {
  const namespace = `without-builtin-${name}`;
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(node:)?${name}$`) }, (args) => (importer.test(args.importer) ? { path: name, namespace } : undefined));
      build.onLoad({ filter: /.*/, namespace }, () => ({ loader: "js", contents: "export default undefined;" }));
    },
  };
}
