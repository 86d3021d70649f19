import { describe, expect, it } from "vitest";
import { displayPath } from "./paths.js";

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
