import { describe, expect, it } from "vitest";
import { didYouMean } from "./didYouMean.js";

const HOOKS = ["resolveEntry", "bundle", "watch"];

describe("didYouMean", () => {
  it.each([
    ["resolveentry", "resolveEntry"],
    ["ResolveEntry", "resolveEntry"],
    ["resolveEntyr", "resolveEntry"],
    ["bundel", "bundle"],
    ["bundl", "bundle"],
    ["bunlde", "bundle"],
    ["wacth", "watch"],
    ["watc", "watch"],
  ])("suggests %s → %s", (name, expected) => {
    expect(didYouMean(name, HOOKS)).toBe(expected);
  });

  it.each(["version", "resolveId", "resolve", "match", "setup", "name", "bundle", "enforce"])("suggests nothing for %s", (name) => {
    expect(didYouMean(name, HOOKS)).toBeUndefined();
  });

  it("suggests nothing for a known name that is also a typo away from another", () => {
    expect(didYouMean("backends", ["plugins", "backend", "backends"])).toBeUndefined();
    expect(didYouMean("backendz", ["plugins", "backend", "backends"])).toBe("backend");
  });
});
