// `arkor/plugins`: the default plugins, for arkor.config.ts, and the config
// loader, for programs that build as the CLI does. A subpath of its own so
// that `import { createArkor } from "arkor"` never loads esbuild.
export { defaultResolver } from "@arkor/resolver";
export { esbuildBundler } from "@arkor/bundler";
export type { EsbuildBundlerOptions } from "@arkor/bundler";
export { loadConfig, loadPlugins } from "@arkor/cli/config";
export type { LoadedConfig } from "@arkor/cli/config";
