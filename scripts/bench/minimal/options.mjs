// esbuild's options as `arkor build` passes them (packages/bundler/src/esbuildBundler.ts).
export const options = {
  entryPoints: ["src/arkor/index.ts"],
  outfile: ".arkor/build/index.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22.6",
  packages: "external",
  sourcemap: "linked",
  logLevel: "silent",
};
