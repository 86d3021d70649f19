export { esbuildBundler } from "./esbuildBundler.js";
export type { EsbuildBundlerOptions } from "./esbuildBundler.js";
