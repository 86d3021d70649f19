import type { OutputFile } from "esbuild";
import { bytesOf } from "./sourceShims.js";

// esbuild's helper for a require() it leaves in an ESM bundle (a package kept external, a variable
// argument): it calls the `require` in scope, and throws `Dynamic require of "x" is not supported` without one.
const REQUIRE_HELPER = /^var __require = /m;
const BANNER = 'import { createRequire as __arkorCreateRequire } from "node:module"; const require = __arkorCreateRequire(import.meta.url);\n';
// `require("arkor")` (kept external, as every import of it) would take the package's `require` condition,
// the config-facing `defineConfig` alone, and `createTrainer` would be undefined. A bundle that calls it gets
// arkor's ES module instead: the whole API, the classes the runner uses. Done here, not in an onResolve
// hook, because such a hook would call into JavaScript for every `import "arkor"` of every module.
const REQUIRES_ARKOR = '__require("arkor")';
const ARKOR_BANNER =
  'import { createRequire as __arkorCreateRequire } from "node:module"; import * as __arkorModule from "arkor"; const __arkorRequire = __arkorCreateRequire(import.meta.url); const require = Object.assign((id) => (id === "arkor" ? __arkorModule : __arkorRequire(id)), __arkorRequire);\n';

/**
 * The output files with a `require` in each bundle (the artifact, a worker)
 * whose code calls one, as tsup's shims and esbuild's docs do: made with
 * `createRequire` from the bundle's URL, so packages resolve from the
 * project's node_modules. The banner is one line, so the bundle's source map
 * gets one empty line in front.
 */
export function withRequireShim(files: readonly OutputFile[]): { path: string; contents: Uint8Array }[] {
  // Searched as bytes first, as in sourceShims.ts: most artifacts have no helper, and need no decoding.
  const shimmed = new Set(
    files.filter((file) => !file.path.endsWith(".map") && bytesOf(file.contents).includes("var __require = ") && REQUIRE_HELPER.test(file.text)).map((file) => file.path),
  );
  const encoder = new TextEncoder();
  return files.map((file) => {
    if (shimmed.has(file.path)) return { path: file.path, contents: encoder.encode((file.text.includes(REQUIRES_ARKOR) ? ARKOR_BANNER : BANNER) + file.text) };
    if (file.path.endsWith(".map") && shimmed.has(file.path.slice(0, -4))) {
      const map = JSON.parse(file.text) as { mappings: string };
      map.mappings = `;${map.mappings}`;
      return { path: file.path, contents: encoder.encode(JSON.stringify(map)) };
    }
    return { path: file.path, contents: file.contents };
  });
}
