import { packageConfig } from "../../tsup.base.js";

// The scaffolder (for `arkor init`) and the bin `npm create arkor` runs; no dependencies, so `npm create` fetches one small package.
export default packageConfig({
  entry: ["src/index.ts", "src/bin.ts", "src/summary.ts"],
});
