import { packageConfig } from "../../tsup.base.js";

// dist/config.cjs: `require("arkor")` for CommonJS configs (src/config.ts).
// Run after tsup.config.ts, which cleans dist/.
export default packageConfig({
  entry: ["src/config.ts"],
  format: ["cjs"],
  clean: false,
  sourcemap: false,
});
