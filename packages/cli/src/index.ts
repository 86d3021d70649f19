export { getCli } from "./getCli.js";
export type { ArkorCli, GetCliOptions } from "./getCli.js";
export type { ArkorContext } from "./context.js";
export { loadPlugins } from "./loadPlugins.js";
