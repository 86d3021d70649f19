import { describe, expect, it } from "vitest";
import { formatDuration, jobDuration } from "./when.js";

describe("formatDuration", () => {
  it("says short runs in tenths, longer ones in minutes and hours", () => {
    expect([400, 12_300, 185_000, 7_620_000].map(formatDuration)).toEqual(["0.4s", "12s", "3m 05s", "2h 07m"]);
    expect(formatDuration(Number.NaN)).toBe("–");
  });
});

describe("jobDuration", () => {
  it("runs from start() to the end, or to now while the job runs", () => {
    expect(jobDuration({ status: "completed", createdAt: "2026-12-06T10:00:00.000Z", startedAt: "2026-12-06T10:00:01.000Z", endedAt: "2026-12-06T10:00:31.000Z" })).toBe(30_000);
    expect(jobDuration({ status: "running", createdAt: "2026-12-06T10:00:00.000Z" }, Date.parse("2026-12-06T10:01:00.000Z"))).toBe(60_000);
    // Ended without saying when (an old record): no duration, rather than one that grows.
    expect(formatDuration(jobDuration({ status: "failed", createdAt: "2026-12-06T10:00:00.000Z" }))).toBe("–");
  });
});
