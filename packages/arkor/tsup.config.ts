import { readFileSync } from "node:fs";
import { packageConfig } from "../../tsup.base.js";
import { staticAnswers } from "./build/staticAnswers.js";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as { version: string };

// cli.ts is the bin: bundled, but it exports nothing, so it gets no declarations.
// Its help and version are rendered here, and `colorsEnabled` bundled in, so answering them loads nothing else.
export default packageConfig({
  entry: ["src/index.ts", "src/plugins.ts", "src/cli.ts"],
  dts: { entry: ["src/index.ts", "src/plugins.ts"] },
  noExternal: ["@arkor/cli/colors"],
  esbuildPlugins: [staticAnswers(version)],
});
