import { defineConfig, type Options } from "tsup";

/** How every package builds: ESM for Node 20 with declarations and source maps. A package overrides only what differs. */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    dts: true,
    sourcemap: true,
    clean: true,
    ...overrides,
  });
}
