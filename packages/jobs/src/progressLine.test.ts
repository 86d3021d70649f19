import { describe, expect, it } from "vitest";
import { parseProgressLine } from "./progressLine.js";

describe("a line of the progress file", () => {
  it("is ctx.report()'s fields as JSON; other fields are ignored", () => {
    expect(parseProgressLine('{"step": 3, "total": 10, "metrics": {"loss": 0.5, "r2": 0.9}, "message": "epoch 3", "time": 17}')).toEqual({
      progress: { step: 3, total: 10, metrics: { loss: 0.5, r2: 0.9 }, message: "epoch 3" },
    });
    expect(parseProgressLine('{"message": "saving"}')).toEqual({ progress: { message: "saving" } });
  });

  it("keeps a line Python's json.dumps wrote with NaN or Infinity, leaving those metrics out", () => {
    expect(parseProgressLine('{"step": 4, "metrics": {"loss": NaN, "grad": Infinity, "lr": 0.1}}')).toEqual({ progress: { step: 4, metrics: { lr: 0.1 } } });
    // A number too large for a double is Infinity once parsed: left out too, so every event carries JSON numbers.
    expect(parseProgressLine('{"step": 1e400, "total": 10}')).toEqual({ progress: { total: 10 } });
  });

  it.each([
    ["epoch 3 loss 0.5", "it is not JSON"],
    ["[1, 2]", "it is not a JSON object"],
    ['{"step": "3"}', "its step is not a number"],
    ['{"metrics": [0.5]}', "its metrics is not an object of numbers"],
    ['{"metrics": {"loss": "low"}}', "its metric loss is not a number"],
    ['{"message": 3}', "its message is not a string"],
  ])("says why %s is not one", (line, problem) => {
    const parsed = parseProgressLine(line);
    expect("problem" in parsed && parsed.problem.startsWith(problem)).toBe(true);
  });
});
