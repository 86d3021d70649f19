import type { ArkorConfig } from "@arkor/core";

// What `require("arkor")` gives: the config-facing API, for an arkor.config.cjs
// (or a CommonJS arkor.config.js). Small on purpose: a config needs
// defineConfig, not the runner; everything else is ESM, through `import`.
export type { ArkorConfig, ArkorPlugin, PluginOption } from "@arkor/core";

/**
 * Returns the config as given, typed: the same as `defineConfig` from
 * `import "arkor"` (core's), restated here because @arkor/core is ESM only
 * and loading it from CommonJS would take all of it.
 */
export function defineConfig(config: ArkorConfig): ArkorConfig {
  return config;
}
