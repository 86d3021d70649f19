import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultResolver } from "./defaultResolver.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-resolver-"));
  mkdirSync(path.join(cwd, "src/arkor"), { recursive: true });
  writeFileSync(path.join(cwd, "src/arkor/index.ts"), "export const trainer = {};\n");
  writeFileSync(path.join(cwd, "src/arkor/experiment.ts"), "export const trainer = {};\n");
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const resolve = (entry?: string) => defaultResolver().resolveEntry!({ cwd, entry });

describe("defaultResolver", () => {
  it("is a named plugin with only a resolveEntry hook", () => {
    expect(Object.keys(defaultResolver())).toEqual(["name", "resolveEntry"]);
    expect(defaultResolver().name).toBe("arkor:resolver");
  });

  it("defaults to src/arkor/index.ts, and takes relative and absolute entries", () => {
    expect(resolve()).toBe(path.join(cwd, "src/arkor/index.ts"));
    expect(resolve("src/arkor/experiment.ts")).toBe(path.join(cwd, "src/arkor/experiment.ts"));
    expect(resolve("./src/arkor/../arkor/experiment.ts")).toBe(path.join(cwd, "src/arkor/experiment.ts"));
    expect(resolve(path.join(cwd, "src/arkor/experiment.ts"))).toBe(path.join(cwd, "src/arkor/experiment.ts"));
  });

  it("throws the spec's message with the absolute path when the entry is missing", () => {
    rmSync(path.join(cwd, "src/arkor/index.ts"));
    expect(() => resolve()).toThrow(
      `Build entry not found: ${path.join(cwd, "src/arkor/index.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.`,
    );
  });

  it("refuses a folder and an empty (or blank) file", () => {
    expect(() => resolve("src/arkor")).toThrow(`Build entry is a directory, not a file: ${path.join(cwd, "src/arkor")}.`);
    writeFileSync(path.join(cwd, "blank.ts"), "  \n\n");
    expect(() => resolve("blank.ts")).toThrow(`Build entry is empty: ${path.join(cwd, "blank.ts")}.`);
  });
});
