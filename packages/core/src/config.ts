import type { ArkorPlugin } from "./plugin.js";

export interface ArkorConfig {
  /** Run before the default resolver and bundler, so they win. */
  plugins?: ArkorPlugin[];
}

/** Identity, for types: `export default defineConfig({ plugins: [...] })`. */
export function defineConfig(config: ArkorConfig): ArkorConfig {
  return config;
}
