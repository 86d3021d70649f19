import { packageConfig } from "../../tsup.base.js";
import { thirdPartyNotices } from "../../scripts/build/thirdPartyNotices.js";
import { withoutBuiltin } from "./build/withoutBuiltin.js";

// The CLI, one file for every command (besides what a command loads on demand): clipanion is
// bundled in, instead of its 22 modules, each resolved and compiled on every command
// (docs/performance.md). It stays our parser, pinned in devDependencies.
// src/preparsed.ts is built with it: the bin's way into `arkor start` and `arkor build` without clipanion;
// what the two entries share (the commands' work, the reporters) is in chunks, clipanion in index.js alone.
// The side entries (config, colors) are built by tsup.entries.config.ts, so that they share
// no chunk with this one: a shared chunk is one more module for every command to load.
export default packageConfig({
  entry: ["src/index.ts", "src/preparsed.ts"],
  // create-arkor/summary is the few lines `arkor init` ends with: inlined, so no command loads one more module for it.
  noExternal: ["clipanion", "typanion", "create-arkor/summary"],
  // Bundling someone else's code ships their licence with it: dist/THIRD_PARTY_NOTICES.md.
  esbuildPlugins: [withoutBuiltin("tty", /[\\/]clipanion[\\/]/), thirdPartyNotices("dist")],
});
