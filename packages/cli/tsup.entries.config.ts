import { packageConfig } from "../../tsup.base.js";

// `@arkor/cli/config` (the config loader, for the Studio) and `@arkor/cli/colors` (for the bin),
// after tsup.config.ts, which cleans dist/.
export default packageConfig({
  entry: ["src/config.ts", "src/colors.ts"],
  clean: false,
});
