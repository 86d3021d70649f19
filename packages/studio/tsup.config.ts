import { build } from "esbuild";
import { packageConfig } from "../../tsup.base.js";

// The server is the package's entry; the page is plain TypeScript bundled for
// the browser into dist/page, served from disk (no CDN, works offline).
export default packageConfig({
  async onSuccess() {
    await build({
      entryPoints: ["src/page/main.ts"],
      outfile: "dist/page/app.js",
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      sourcemap: true,
      logLevel: "warning",
    });
  },
});
