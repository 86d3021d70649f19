import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Plugin } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { esbuildBundler } from "./esbuildBundler.js";

let cwd: string;
let ctx: { cwd: string; entry: string; outDir: string; outFile: string };
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-bundler-"));
  mkdirSync(path.join(cwd, "src"));
  writeFileSync(path.join(cwd, "src/index.ts"), 'import { helper } from "./helper";\nimport { createArkor } from "arkor";\nexport const value: number = helper();\nexport { createArkor };\n');
  writeFileSync(path.join(cwd, "src/helper.ts"), "export const helper = (): number => 42;\n");
  const outDir = path.join(cwd, ".arkor/build");
  ctx = { cwd, entry: path.join(cwd, "src/index.ts"), outDir, outFile: path.join(outDir, "index.mjs") };
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const bundle = (options: Parameters<typeof esbuildBundler>[0], signal?: AbortSignal) => esbuildBundler(options).bundle!({ ...ctx, signal });

describe("esbuildBundler", () => {
  it("writes one ESM file with its map, relative imports inlined and bare ones kept", async () => {
    await expect(bundle({})).resolves.toEqual({ outFile: ctx.outFile });
    const artifact = readFileSync(ctx.outFile, "utf8");
    expect(artifact).toContain('from "arkor"');
    expect(artifact).toContain("=> 42");
    expect(artifact.endsWith("//# sourceMappingURL=index.mjs.map\n")).toBe(true);
    expect(JSON.parse(readFileSync(`${ctx.outFile}.map`, "utf8")).sources).toEqual(["../../src/helper.ts", "../../src/index.ts"]);
  });

  it("runs third-party esbuild plugins before its own", async () => {
    const virtual: Plugin = {
      name: "virtual-helper",
      setup(build) {
        build.onResolve({ filter: /^\.\/helper$/ }, () => ({ path: "helper", namespace: "virtual" }));
        build.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: "export const helper = () => 7;", loader: "ts" }));
      },
    };
    await bundle({ esbuildPlugins: [virtual] });
    expect(readFileSync(ctx.outFile, "utf8")).toContain("=> 7");
  });

  it("writes nothing when aborted while esbuild runs, and rejects with the abort reason", async () => {
    await bundle({});
    const before = readFileSync(ctx.outFile);
    writeFileSync(path.join(cwd, "src/helper.ts"), "export const helper = (): number => 1000;\n");
    const controller = new AbortController();
    const reason = new Error("Ctrl-C");
    // Aborts from inside the build, after esbuild has started loading files.
    const abortMidBuild: Plugin = {
      name: "abort-mid-build",
      setup(build) {
        build.onLoad({ filter: /helper\.ts$/ }, () => {
          controller.abort(reason);
          return undefined;
        });
      },
    };
    await expect(bundle({ esbuildPlugins: [abortMidBuild] }, controller.signal)).rejects.toBe(reason);
    expect(readFileSync(ctx.outFile).equals(before)).toBe(true);
  });

  it("reports the first esbuild error with its location and line, and how many more there were", async () => {
    writeFileSync(path.join(cwd, "src/helper.ts"), "export const helper = (: number => 42;\nexport const other = ];\n");
    await expect(bundle({})).rejects.toMatchObject({
      code: "BUILD_FAILED",
      message: expect.stringMatching(/^Build failed: src\/helper\.ts:1:\d+: .+\n {4}export const helper = \(: number => 42;\n {4} *\^+( \(and \d+ more errors?\))?/),
    });
  });
});
