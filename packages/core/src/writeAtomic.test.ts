import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAtomic } from "./writeAtomic.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "arkor-write-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeAtomic", () => {
  it("creates the folder, replaces the files and leaves no temp file", async () => {
    const file = path.join(dir, "out/index.mjs");
    await writeAtomic([{ path: file, contents: Buffer.from("first") }]);
    await writeAtomic([
      { path: `${file}.map`, contents: Buffer.from("{}") },
      { path: file, contents: Buffer.from("second") },
    ]);
    expect(readFileSync(file, "utf8")).toBe("second");
    expect(readdirSync(path.join(dir, "out")).sort()).toEqual(["index.mjs", "index.mjs.map"]);
  });

  it("leaves the old file as it was, and no temp file, when a write fails", async () => {
    const file = path.join(dir, "index.mjs");
    writeFileSync(file, "old");
    // The second target's folder is a file, so its write fails after the first temp file exists.
    writeFileSync(path.join(dir, "blocker"), "");
    const failing = writeAtomic([
      { path: file, contents: Buffer.from("new") },
      { path: path.join(dir, "blocker/x.mjs"), contents: Buffer.from("x") },
    ]);
    await expect(failing).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(readdirSync(dir).sort()).toEqual(["blocker", "index.mjs"]);
  });
});
