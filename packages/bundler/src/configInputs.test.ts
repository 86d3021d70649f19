import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configInputs } from "./configInputs.js";

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "arkor-configs-")));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), contents);
  }
}
const at = (...files: string[]) => files.map((file) => path.join(root, file));

describe("configInputs", () => {
  it("finds the nearest tsconfig and package.json of each source folder, and every tsconfig they extend", () => {
    write({
      "package.json": "{}",
      "tsconfig.json": '{\n  // JSONC, as TypeScript reads it\n  "extends": ["./configs/base", "@acme/tsconfig/strict.json"],\n}\n',
      "configs/base.json": '{ "extends": "./root.json" }',
      "configs/root.json": "{}",
      "node_modules/@acme/tsconfig/package.json": '{ "name": "@acme/tsconfig" }',
      "node_modules/@acme/tsconfig/strict.json": "{}",
      "src/a.ts": "",
      "src/deep/b.ts": "",
      "packages/models/package.json": "{}",
      "packages/models/tsconfig.json": '{ "extends": "../../tsconfig.json" }',
      "packages/models/src/index.ts": "",
    });
    expect(configInputs(at("src/a.ts", "src/deep/b.ts", "packages/models/src/index.ts")).sort()).toEqual(
      at(
        "configs/base.json",
        "configs/root.json",
        "node_modules/@acme/tsconfig/strict.json",
        "package.json",
        "packages/models/package.json",
        "packages/models/tsconfig.json",
        "tsconfig.json",
      ).sort(),
    );
  });

  it("takes jsconfig.json where there is no tsconfig.json, and never a tsconfig inside node_modules, as esbuild does", () => {
    write({
      "jsconfig.json": "{}",
      "src/a.js": "",
      "node_modules/dep/tsconfig.json": "{}",
      "node_modules/dep/index.js": "",
    });
    expect(configInputs(at("src/a.js", "node_modules/dep/index.js")).sort()).toEqual(at("jsconfig.json"));
  });

  it("keeps a tsconfig that does not parse or extends nothing that exists: esbuild reports it, and an edit must rebuild", () => {
    write({ "tsconfig.json": '{ "extends": "./missing", ', "src/a.ts": "" });
    expect(configInputs(at("src/a.ts"))).toEqual(at("tsconfig.json"));
  });
});
