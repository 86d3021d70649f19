import { packageConfig } from "../../tsup.base.js";

// The public API. The bin is built after it, by tsup.bin.config.ts.
export default packageConfig({
  entry: ["src/index.ts", "src/plugins.ts"],
});
