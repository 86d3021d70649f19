import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { literalEntry } from "./literalEntry.js";

const root = mkdtempSync(path.join(os.tmpdir(), "arkor-literal-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

async function bundle(entry: string) {
  const { entryPoints, plugins } = literalEntry(entry);
  const result = await esbuild.build({ entryPoints, plugins, bundle: true, format: "esm", write: false, logLevel: "silent", outfile: path.join(root, "out.mjs") });
  return result.outputFiles.map((file) => file.text).join("");
}

describe("literalEntry", () => {
  it("builds exactly the named file when its path has a *, though other files match it as a pattern", async () => {
    write("a*b/v*.ts", 'export const picked = "the star file";');
    write("a*b/v1.ts", 'export const picked = "a file the pattern matches";');
    write("axb/v*.ts", 'export const picked = "another folder the pattern matches";');
    const text = await bundle(path.join(root, "a*b/v*.ts"));
    expect(text).toContain("the star file");
    expect(text).not.toContain("matches");
  });

  it("passes an entry relative to the project when the * is only in the project's own path, so its tsconfig applies", async () => {
    write("my*project/tsconfig.json", '{ "compilerOptions": { "experimentalDecorators": true } }');
    write("my*project/src/index.ts", 'function kind(...args: unknown[]): any { console.log(args.length === 3 ? "legacy" : "standard"); }\nexport class M { @kind fit() {} }\n');
    const cwd = path.join(root, "my*project");
    const entry = path.join(cwd, "src/index.ts");
    expect(literalEntry(entry, cwd)).toEqual({ entryPoints: ["./src/index.ts"], plugins: [] });
    const { entryPoints, plugins } = literalEntry(entry, cwd);
    const result = await esbuild.build({ absWorkingDir: cwd, entryPoints, plugins, bundle: true, format: "esm", write: false, logLevel: "silent", outfile: path.join(cwd, "out.mjs") });
    // Legacy decorators are lowered to __decorateClass; standard ones would be kept for a newer target.
    expect(result.outputFiles[0]!.text).toContain("__decorateClass");
  });

  it("passes other paths as they are", () => {
    expect(literalEntry("/p/src/index.ts")).toEqual({ entryPoints: ["/p/src/index.ts"], plugins: [] });
  });
});
