import type { Plugin } from "esbuild";

export const STATIC_ANSWERS_MODULE = "arkor:static-answers";

/**
 * An esbuild plugin giving the bin `arkor:static-answers`: help and version
 * as @arkor/cli renders them (its dist, built before this package), so the
 * bin answers them without loading the CLI. See @arkor/cli's staticAnswers.ts.
 */
export function staticAnswers(version: string): Plugin {
  return {
    name: "arkor:static-answers",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${STATIC_ANSWERS_MODULE}$`) }, (args) => ({ path: args.path, namespace: "arkor-static-answers" }));
      build.onLoad({ filter: /.*/, namespace: "arkor-static-answers" }, async () => {
        const { renderStaticAnswers } = await import("@arkor/cli");
        return { loader: "json", contents: JSON.stringify(await renderStaticAnswers(version)) };
      });
    },
  };
}
