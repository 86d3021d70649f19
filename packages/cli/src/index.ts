export { getCli } from "./getCli.js";
export type { ArkorCli, GetCliOptions } from "./getCli.js";
export type { ArkorContext } from "./context.js";
export { loadPlugins } from "./loadPlugins.js";
// loadConfig is not exported here: it imports esbuild, and this entry is what
// `arkor start` loads, which must stay free of esbuild (see loadPlugins).
