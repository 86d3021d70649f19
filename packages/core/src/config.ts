import type { ArkorPlugin } from "./plugin.js";

/** An entry of the plugin list: a plugin, a falsy value (skipped: `isDev && myPlugin()`), or a nested list (flattened). */
export type PluginOption = ArkorPlugin | false | null | undefined | readonly PluginOption[];

export interface ArkorConfig {
  /** Run before the default resolver and bundler, so they win. */
  plugins?: PluginOption[];
}

/** Identity, for types: `export default defineConfig({ plugins: [...] })`. */
export function defineConfig(config: ArkorConfig): ArkorConfig {
  return config;
}
