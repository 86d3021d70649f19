import { describe, expect, it } from "vitest";
import { messageOf } from "./errors.js";

describe("messageOf", () => {
  it("takes the message of an Error, or of a plain object that carries one", () => {
    expect(messageOf(new TypeError("bad input"))).toBe("bad input");
    expect(messageOf({ message: "rate limited", status: 429 })).toBe("rate limited");
  });

  it("shows any other value as Node would, never as [object Object]", () => {
    expect(messageOf({ status: 500, body: { reason: "down" } })).toBe("{ status: 500, body: { reason: 'down' } }");
    expect(messageOf("plain string")).toBe("plain string");
    expect(messageOf(undefined)).toBe("undefined");
    expect(messageOf(null)).toBe("null");
  });
});
