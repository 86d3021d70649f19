import * as esbuild from "esbuild";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { errorWithStack } from "../../../scripts/test-utils/errorWithStack.js";
import { mapStack } from "./sourceMappedStack.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-mapped stack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, "src"));
const source = path.join(dir, "src/boom.ts");
writeFileSync(source, 'interface Loss {\n  value: number;\n}\nexport function boom(loss: Loss): never {\n  throw new Error(`diverged at ${loss.value}`);\n}\n');

/** Bundles src/boom.ts to `outfile` and returns the 1-based position of its `new Error` there, where V8 points. */
async function bundle(outfile: string, sourcemap: "linked" | "inline"): Promise<string> {
  await esbuild.build({ entryPoints: [source], outfile: path.join(dir, outfile), bundle: true, format: "esm", sourcemap, logLevel: "silent" });
  const lines = readFileSync(path.join(dir, outfile), "utf8").split("\n");
  const line = lines.findIndex((text) => text.includes("throw"));
  return `${line + 1}:${lines[line]!.indexOf("new Error") + 1}`;
}

const nothingKept = () => false;

describe("mapStack", () => {
  it("maps a frame in a bundle with a linked map, a file URL with a query, to the TypeScript line", async () => {
    const at = await bundle(".arkor/build/index.mjs", "linked");
    const error = errorWithStack(`boom (${pathToFileURL(path.join(dir, ".arkor/build/index.mjs")).href}?v=1-2:${at})`, "process.processTicksAndRejections (node:internal/process/task_queues:95:5)");
    mapStack(error, nothingKept);
    expect(error.stack).toBe(`Error: boom\n    at boom (${source}:5:9)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`);
  });

  it("maps a frame in a bundle with an inline map, given as a path", async () => {
    const at = await bundle("inline.mjs", "inline");
    const error = errorWithStack(`${path.join(dir, "inline.mjs")}:${at}`);
    mapStack(error, nothingKept);
    expect(error.stack).toBe(`Error: boom\n    at ${source}:5:9`);
  });

  it("leaves frames it is told to keep, files without a map and missing files as they are", async () => {
    const at = await bundle("kept.mjs", "linked");
    const frames = [`kept (${path.join(dir, "kept.mjs")}:${at})`, `plain (${source}:5:9)`, `gone (${path.join(dir, "missing.mjs")}:1:1)`];
    const error = errorWithStack(...frames);
    mapStack(error, (file) => file.endsWith("kept.mjs"));
    expect(error.stack).toBe(errorWithStack(...frames).stack);
    expect(() => mapStack("not an error", nothingKept)).not.toThrow();
  });
});
