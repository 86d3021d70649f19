import { describe, expect, it } from "vitest";
import { findTrainer } from "./findTrainer.js";

const trainer = (label: string) => ({ label, start: async () => ({ jobId: label }), wait: async () => ({ job: { id: label, status: "completed" } }) });

describe("findTrainer", () => {
  it("prefers arkor, then trainer, then the default export", () => {
    const manifest = { _kind: "arkor", trainer: trainer("a") };
    expect(findTrainer({ arkor: manifest, trainer: trainer("t"), default: trainer("d") }).trainer).toMatchObject({ label: "a" });
    expect(findTrainer({ trainer: trainer("t"), default: trainer("d") }).trainer).toMatchObject({ label: "t" });
    expect(findTrainer({ default: trainer("d") }).trainer).toMatchObject({ label: "d" });
    expect(findTrainer({ default: { _kind: "arkor", trainer: trainer("dm") } }).trainer).toMatchObject({ label: "dm" });
  });

  it("skips exports that are not meant for arkor", () => {
    expect(findTrainer({ arkor: "a string", trainer: 42, default: trainer("d") }).trainer).toMatchObject({ label: "d" });
  });

  it("throws the spec's message when nothing fits", () => {
    expect(() => findTrainer({ model: {}, default: () => "train" })).toThrow(
      "Training entry must export 'arkor' (from createArkor({...})) or 'trainer' (from createTrainer({...})), or default-export one of them.",
    );
  });

  it("names what is missing from a value that looks meant for arkor", () => {
    expect(() => findTrainer({ arkor: { _kind: "arkor" } })).toThrow("The 'arkor' export is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).");
    expect(() => findTrainer({ default: { wait: async () => ({}) } })).toThrow(
      "The 'default' export is not a trainer: it has no start() method. A trainer needs both start() and wait(), as createTrainer({...}) checks.",
    );
    expect(() => findTrainer({ arkor: { _kind: "arkor", trainer: {} } })).toThrow("The 'arkor.trainer' export is not a trainer: it has no start() or wait() method.");
  });
});
