import { packageConfig } from "../../tsup.base.js";

// cli.ts is the bin: bundled, but it exports nothing, so it gets no declarations.
export default packageConfig({
  entry: ["src/index.ts", "src/plugins.ts", "src/cli.ts"],
  dts: { entry: ["src/index.ts", "src/plugins.ts"] },
});
