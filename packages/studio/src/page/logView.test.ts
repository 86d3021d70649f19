import { describe, expect, it } from "vitest";
import { MAX_LINE, shownLine } from "./logView.js";

describe("a log line as shown", () => {
  it("is the last state of a line redrawn with \\r, as a terminal leaves a progress bar", () => {
    expect(shownLine(" 10%|█ | 1/10\r 50%|█████ | 5/10\r100%|██████████| 10/10")).toBe("100%|██████████| 10/10");
    expect(shownLine("windows line\r")).toBe("windows line");
  });

  it("drops colour codes", () => {
    expect(shownLine("\u001b[31merror\u001b[0m: \u001b[1;33mwarn\u001b[m")).toBe("error: warn");
  });

  it("cuts a line too long to paint, saying how much is left out", () => {
    const shown = shownLine("x".repeat(2_000_000));
    expect(shown).toBe(`${"x".repeat(MAX_LINE)} … (1,990,000 more characters)`);
    expect(shownLine("short")).toBe("short");
  });
});
