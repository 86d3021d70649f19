import { packageConfig } from "../../tsup.base.js";

// `@arkor/cli/config` (the config loader, for the Studio), `@arkor/cli/colors` (for the bin) and
// `@arkor/cli/reporter` (the CLI's text, for arkor's runTrainer and startProject),
// after tsup.config.ts, which cleans dist/.
export default packageConfig({
  entry: ["src/config.ts", "src/colors.ts", "src/processReporter.ts"],
  clean: false,
  // As in tsup.config.ts: the few lines `arkor init` ends with, inlined.
  noExternal: ["create-arkor/summary"],
});
