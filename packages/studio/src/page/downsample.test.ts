import { describe, expect, it } from "vitest";
import { downsample } from "./downsample.js";

const line = (values: number[]) => ({ steps: values.map((_, index) => index), values });

describe("downsample", () => {
  it("keeps a line that fits as it is", () => {
    const short = line([3, 1, 2]);
    expect(downsample(short, 10)).toBe(short);
  });

  it("keeps at most max points, the first and the very last among them, in order", () => {
    const values = Array.from({ length: 50_001 }, (_, index) => Math.sin(index / 100));
    const drawn = downsample(line(values), 1000);
    expect(drawn.steps.length).toBeLessThanOrEqual(1000);
    expect(drawn.steps.length).toBeGreaterThan(900);
    expect(drawn.steps[0]).toBe(0);
    expect(drawn.steps.at(-1)).toBe(50_000);
    expect(drawn.values.at(-1)).toBe(values[50_000]);
    expect(drawn.steps).toEqual([...drawn.steps].sort((a, b) => a - b));
  });

  it("keeps a one-point spike and a dip that an even pick would skip", () => {
    const values = Array.from({ length: 10_000 }, () => 1);
    values[4321] = 50;
    values[7777] = -8;
    const drawn = downsample(line(values), 100);
    expect(drawn.values).toContain(50);
    expect(drawn.values).toContain(-8);
    expect(Math.max(...drawn.values)).toBe(50);
    expect(Math.min(...drawn.values)).toBe(-8);
  });
});
