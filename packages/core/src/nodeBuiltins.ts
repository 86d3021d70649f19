import { createRequire } from "node:module";

// Built-ins that cost to load are loaded on first use, not with the module: every trainer imports
// arkor, and most runs never hash (crypto, a few ms), inspect a value or read an event stream.
// An ES module's `import "node:util"` costs 7 ms on Node 22 and 24 (it evaluates every lazy export
// of util), and making the `require` costs 1 ms, so that too waits for the first call
// (docs/performance.md).
let require: NodeJS.Require | undefined;

function builtin<T>(id: string): T {
  require ??= createRequire(import.meta.url);
  return require(id) as T;
}

/** `node:crypto`, loaded when first asked for. */
export function nodeCrypto(): typeof import("node:crypto") {
  return builtin("node:crypto");
}

/** `node:util`, loaded when first asked for. */
export function nodeUtil(): typeof import("node:util") {
  return builtin("node:util");
}

/** `node:string_decoder`, loaded when first asked for. */
export function nodeStringDecoder(): typeof import("node:string_decoder") {
  return builtin("node:string_decoder");
}
