// `@arkor/cli/config`: the config loader for programs that build like the CLI
// does (the Studio), without loading clipanion. Re-exported by `arkor/plugins`.
export { loadPlugins } from "./loadPlugins.js";
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig } from "./loadConfig.js";
export type { LoadedConfig } from "./loadConfig.js";
