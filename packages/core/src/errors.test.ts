import { describe, expect, it } from "vitest";
import { artifactUnwritable } from "./errors.js";

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
