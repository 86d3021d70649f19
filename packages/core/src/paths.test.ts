import { describe, expect, it } from "vitest";
import path from "node:path";
import { displayPath, resolveBelow } from "./paths.js";

describe("displayPath", () => {
  it("prints a path inside the project relative to it, with / separators", () => {
    expect(displayPath("/p", "/p/src/arkor/index.ts")).toBe("src/arkor/index.ts");
    expect(displayPath("/p/", "/p/src/a.ts")).toBe("src/a.ts");
  });

  it("prints a path outside the project, or the project itself, absolute", () => {
    expect(displayPath("/p", "/elsewhere/a.ts")).toBe("/elsewhere/a.ts");
    expect(displayPath("/p", "/p")).toBe("/p");
    expect(displayPath("/p", "/project/a.ts")).toBe("/project/a.ts");
  });

  it("normalises a path that climbs out through ..", () => {
    expect(displayPath("/p", "/p/src/../../q/a.ts")).toBe("/p/src/../../q/a.ts");
    expect(displayPath("/p", "/p/src/../a.ts")).toBe("a.ts");
  });
});

describe("resolveBelow", () => {
  it("gives what path.resolve gives, for plain paths and for every form it does not join itself", () => {
    const files = [
      "src/arkor/index.ts",
      "node_modules/@scope/pkg/index.ts",
      "a.ts?raw",
      "src/a..b.ts",
      ".hidden/a.ts",
      "../outside/a.ts",
      "src/../a.ts",
      "src/./a.ts",
      "src//a.ts",
      "src/",
      "src/.",
      "src/..",
      "/abs/a.ts",
      "",
    ];
    for (const cwd of ["/p", "/p/", "/"]) {
      for (const file of files) expect({ cwd, file, resolved: resolveBelow(cwd, file) }).toEqual({ cwd, file, resolved: path.resolve(cwd, file) });
    }
  });
});
