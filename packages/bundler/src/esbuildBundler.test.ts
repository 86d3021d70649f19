import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Plugin } from "esbuild";
import type { BuildFailedError, BundleResult } from "@arkor/core";
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

const bundle = async (options: Parameters<typeof esbuildBundler>[0], signal?: AbortSignal) => esbuildBundler(options).bundle!({ ...ctx, signal });

/** The text of the file the bundler returned for `file`. */
function contentsOf(result: BundleResult | null | undefined, file: string): string {
  const output = result?.outputFiles?.find((candidate) => candidate.path === file);
  if (!output) throw new Error(`no output file ${file}`);
  return Buffer.from(output.contents).toString("utf8");
}

describe("esbuildBundler", () => {
  it("returns one ESM file with its map, relative imports inlined and bare ones kept, and writes nothing itself", async () => {
    const result = await bundle({});
    expect(result?.outFile).toBe(ctx.outFile);
    expect(result?.outputFiles?.map((file) => file.path).sort()).toEqual([ctx.outFile, `${ctx.outFile}.map`]);
    const artifact = contentsOf(result, ctx.outFile);
    expect(artifact).toContain('from "arkor"');
    expect(artifact).toContain("=> 42");
    expect(artifact.endsWith("//# sourceMappingURL=index.mjs.map\n")).toBe(true);
    expect(JSON.parse(contentsOf(result, `${ctx.outFile}.map`)).sources).toEqual(["../../src/helper.ts", "../../src/index.ts"]);
    // What the manifest records: the inputs, absolute, and the artifact's exports.
    expect(result?.inputs?.sort()).toEqual([path.join(cwd, "src/helper.ts"), path.join(cwd, "src/index.ts")]);
    expect(result?.exports?.sort()).toEqual(["createArkor", "value"]);
    expect(result?.warnings).toEqual([]);
    // arkor's commit writes the files, atomically and only if not cancelled (core's build.test).
    expect(existsSync(ctx.outDir)).toBe(false);
  });

  it("runs third-party esbuild plugins before its own", async () => {
    const virtual: Plugin = {
      name: "virtual-helper",
      setup(build) {
        build.onResolve({ filter: /^\.\/helper$/ }, () => ({ path: "helper", namespace: "virtual" }));
        build.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: "export const helper = () => 7;", loader: "ts" }));
      },
    };
    const result = await bundle({ esbuildPlugins: [virtual] });
    expect(contentsOf(result, ctx.outFile)).toContain("=> 7");
    // A module of another namespace is no file: not an input to hash or watch.
    expect(result?.inputs).toEqual([path.join(cwd, "src/index.ts")]);
  });

  it("rejects with the abort reason, before esbuild runs, when already aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("Ctrl-C");
    controller.abort(reason);
    await expect(bundle({}, controller.signal)).rejects.toBe(reason);
  });

  it("reports every esbuild error with its location and line, and the first one's text and their count in the message", async () => {
    writeFileSync(path.join(cwd, "src/helper.ts"), "export const helper = (: number => 42;\n");
    writeFileSync(path.join(cwd, "src/index.ts"), 'import { helper } from "./helper";\nimport { schedule } from "./schedule";\nexport const value = helper(schedule);\n');
    const failure = await bundle({}).then(
      () => expect.unreachable("the build should fail"),
      (error: BuildFailedError) => error,
    );
    const expected = [
      { text: 'Unexpected ":"', file: "src/helper.ts", line: 1, column: 24, length: 1, lineText: "export const helper = (: number => 42;" },
      {
        text: 'Could not resolve "./schedule" (no such file: check the path, or create it)',
        file: "src/index.ts",
        line: 2,
        column: 26,
        length: 12,
        lineText: 'import { schedule } from "./schedule";',
      },
    ];
    expect(failure).toMatchObject({ code: "BUILD_FAILED", buildWarnings: [] });
    // esbuild parses files in parallel: either may come first.
    expect([...failure.buildErrors].sort((a, b) => a.file!.localeCompare(b.file!))).toEqual(expected);
    expect(failure.message).toBe(`Build failed with 2 errors: ${failure.buildErrors[0]!.text}`);
  });
});
