// `arkor/plugins`: the default plugins, for arkor.config.ts. A subpath of its own
// so that `import { createArkor } from "arkor"` never loads esbuild.
export { defaultResolver } from "@arkor/resolver";
export { esbuildBundler } from "@arkor/bundler";
export type { EsbuildBundlerOptions } from "@arkor/bundler";
