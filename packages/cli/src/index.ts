export { getCli } from "./getCli.js";
export type { ArkorCli, GetCliOptions } from "./getCli.js";
export type { ArkorContext } from "./context.js";
export { loadPlugins } from "./loadPlugins.js";
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig } from "./loadConfig.js";
export type { LoadedConfig } from "./loadConfig.js";
