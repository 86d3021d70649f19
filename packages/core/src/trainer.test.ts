import { describe, expect, it } from "vitest";
import { createArkor, createTrainer, isArkor, isTrainer } from "./trainer.js";

const trainer = { start: async () => ({ jobId: "j" }), wait: async () => ({ job: { id: "j", status: "completed" } }) };

describe("the trainer contract", () => {
  it("createArkor makes a manifest recognised by shape, not by class", () => {
    const manifest = createArkor({ trainer });
    expect(manifest).toEqual({ _kind: "arkor", trainer });
    expect(isArkor(manifest)).toBe(true);
    // What another copy of `arkor` (the user's bundle loads its own) would make:
    expect(isArkor({ _kind: "arkor", trainer })).toBe(true);
    expect(isArkor({ trainer })).toBe(false);
    expect(isArkor(null)).toBe(false);
  });

  it("createArkor allows a manifest without a trainer yet, as upstream does", () => {
    expect(createArkor({})).toEqual({ _kind: "arkor", trainer: undefined });
    expect(createArkor()).toEqual({ _kind: "arkor", trainer: undefined });
    expect(isArkor(createArkor({}))).toBe(true);
  });

  it("createArkor and createTrainer reject a trainer without start() and wait()", () => {
    expect(() => createArkor({ trainer: { start: trainer.start } as never })).toThrow(
      "createArkor({ trainer }) needs a trainer with start() and wait() methods, such as one from createTrainer({...}).",
    );
    expect(() => createTrainer({ wait: trainer.wait } as never)).toThrow("createTrainer({...}) needs an object with start() and wait() methods, or a command to run.");
    expect(createTrainer(trainer)).toBe(trainer);
  });

  it("isTrainer checks for start() and wait()", () => {
    expect(isTrainer(trainer)).toBe(true);
    expect(isTrainer({ start: () => {} })).toBe(false);
    expect(isTrainer("trainer")).toBe(false);
    expect(isTrainer(Object.assign(() => {}, trainer))).toBe(true);
  });
});
