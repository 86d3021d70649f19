export { esbuildBundler } from "./esbuildBundler.js";
export type { EsbuildBundlerOptions } from "./esbuildBundler.js";
export { literalEntry } from "./literalEntry.js";
