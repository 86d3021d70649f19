import { createRequire } from "node:module";

// Every trainer imports arkor, and most runs never hash, so crypto (a few ms to
// load) is loaded on first use, not with the module (docs/performance.md).
const require = createRequire(import.meta.url);

/** `node:crypto`, loaded when first asked for. */
export function nodeCrypto(): typeof import("node:crypto") {
  return require("node:crypto") as typeof import("node:crypto");
}
