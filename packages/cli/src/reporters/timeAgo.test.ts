import { describe, expect, it } from "vitest";
import { timeAgo } from "./timeAgo.js";

describe("timeAgo", () => {
  it.each([
    [0, "just now"],
    [4_400, "just now"],
    [5_000, "5 seconds ago"],
    [61_000, "1 minute ago"],
    [185_000, "3 minutes ago"],
    [2 * 3_600_000 + 59 * 60_000, "2 hours ago"],
    [4 * 86_400_000, "4 days ago"],
    [-2_000, "just now"],
  ])("%d ms is %s", (ms, text) => {
    expect(timeAgo(ms)).toBe(text);
  });
});
