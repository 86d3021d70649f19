import { packageConfig } from "../../tsup.base.js";
import { withoutBuiltin } from "./build/withoutBuiltin.js";

// clipanion is bundled in: one file instead of its 22 modules, each resolved and
// compiled on every command (docs/performance.md). It stays our parser, pinned in devDependencies.
export default packageConfig({
  entry: ["src/index.ts", "src/config.ts", "src/colors.ts"],
  noExternal: ["clipanion", "typanion"],
  esbuildPlugins: [withoutBuiltin("tty", /[\\/]clipanion[\\/]/)],
});
