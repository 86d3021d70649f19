import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { describeValue } from "./describeValue.js";

describe("describeValue", () => {
  it("prints what JSON.stringify cannot", () => {
    const circular: Record<string, unknown> = { job: { status: "done" } };
    circular.self = circular;
    expect(describeValue(42n)).toBe("42n");
    expect(describeValue(circular)).toBe("<ref *1> { job: { status: 'done' }, self: [Circular *1] }");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue({ id: 42 })).toBe("{ id: 42 }");
  });

  it("stays on one short line", () => {
    const text = describeValue({ rows: Array.from({ length: 50 }, (_, i) => ({ i, label: "x".repeat(20) })) });
    expect(text).not.toContain("\n");
    expect(text).toHaveLength(200);
    expect(text.endsWith("…")).toBe(true);
  });

  it("does not throw when the value's own inspect does", () => {
    const hostile = { [inspect.custom]: () => { throw new Error("no"); } };
    expect(describeValue(hostile)).toBe("[object Object]");
  });
});
