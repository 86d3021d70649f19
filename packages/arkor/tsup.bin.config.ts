import { readFileSync } from "node:fs";
import { packageConfig } from "../../tsup.base.js";
import { staticAnswers } from "./build/staticAnswers.js";

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as { version: string };

// The bin, dist/cli.cjs: CommonJS, so `arkor --version` and `--help` start no ES module loader.
// Its help and version are rendered here, and `colorsEnabled` bundled in, so answering them loads nothing else.
// Run after tsup.config.ts, which cleans dist/ (two configs in one run would race on that).
export default packageConfig({
  entry: ["src/cli.ts"],
  format: ["cjs"],
  dts: false,
  clean: false,
  noExternal: ["@arkor/cli/colors"],
  esbuildPlugins: [staticAnswers(version)],
  esbuildOptions(options) {
    // @arkor/cli/colors imports tsup's shared helper chunk for nothing; esbuild rightly drops it, and would say so on every build.
    options.logOverride = { ...options.logOverride, "ignored-bare-import": "silent" };
  },
});
