import { describe, expect, it } from "vitest";
import { artifactUnwritable, messageOf } from "./errors.js";

describe("artifactUnwritable", () => {
  it("blames the disk, not the folder, when it is full or over quota", () => {
    expect(artifactUnwritable("/p/.arkor/build/index.mjs", "ENOSPC").message).toBe(
      "Cannot write the build artifact /p/.arkor/build/index.mjs: the disk is full (ENOSPC). Free some space on it, then build again.",
    );
    expect(artifactUnwritable("/p/.arkor/build/index.mjs", "EDQUOT").message).toBe(
      "Cannot write the build artifact /p/.arkor/build/index.mjs: your disk quota is used up (EDQUOT). Free some space, or ask for a larger quota, then build again.",
    );
  });

  it("asks for a writable folder otherwise", () => {
    expect(artifactUnwritable("/p/.arkor/build/index.mjs", "EROFS").message).toBe(
      "Cannot write the build artifact /p/.arkor/build/index.mjs (EROFS). Make /p/.arkor/build a writable folder, or delete it so arkor can create it.",
    );
  });
});

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
