import { describe, expect, it } from "vitest";
import { findTrainer } from "./findTrainer.js";

const trainer = (label: string) => ({ label, start: async () => ({ jobId: label }), wait: async () => ({ job: { id: label, status: "completed" } }) });
const manifest = (value?: unknown) => ({ _kind: "arkor", trainer: value });
const labelOf = (namespace: Record<string, unknown>) => {
  const { trainer: found, exportName } = findTrainer(namespace);
  return [(found as unknown as { label: string }).label, exportName];
};

describe("findTrainer", () => {
  it("prefers arkor, then trainer, then the default export, and says which it took", () => {
    expect(labelOf({ arkor: manifest(trainer("a")), trainer: trainer("t"), default: trainer("d") })).toEqual(["a", "arkor"]);
    expect(labelOf({ trainer: trainer("t"), default: trainer("d") })).toEqual(["t", "trainer"]);
    expect(labelOf({ default: trainer("d") })).toEqual(["d", "default"]);
    expect(labelOf({ default: manifest(trainer("dm")) })).toEqual(["dm", "default"]);
  });

  it("finds arkor or trainer inside the default export: upstream's export default { trainer }, and a bundled CommonJS entry", () => {
    expect(labelOf({ default: { trainer: trainer("dt") } })).toEqual(["dt", "default"]);
    expect(labelOf({ default: { arkor: manifest(trainer("da")), trainer: trainer("dt") } })).toEqual(["da", "default"]);
    expect(labelOf({ default: { arkor: manifest(), trainer: trainer("dt") } })).toEqual(["dt", "default"]);
    // Named exports still come first.
    expect(labelOf({ trainer: trainer("t"), default: { trainer: trainer("dt") } })).toEqual(["t", "trainer"]);
  });

  it("takes a function with start() and wait() attached as a trainer", () => {
    const fn = Object.assign(() => "train", trainer("fn"));
    expect(labelOf({ trainer: fn })).toEqual(["fn", "trainer"]);
  });

  it("skips exports that are not meant for arkor", () => {
    expect(labelOf({ arkor: "a string", trainer: 42, default: trainer("d") })).toEqual(["d", "default"]);
  });

  it("falls through a manifest without a trainer to the next shape", () => {
    expect(labelOf({ arkor: manifest(), trainer: trainer("t") })).toEqual(["t", "trainer"]);
    expect(labelOf({ arkor: manifest(undefined), default: manifest(trainer("dm")) })).toEqual(["dm", "default"]);
  });

  it("throws the spec's message when nothing fits", () => {
    expect(() => findTrainer({ model: {}, default: () => "train" })).toThrow(
      "Training entry must export 'arkor' (from createArkor({...})) or 'trainer' (from createTrainer({...})), or default-export one of them.",
    );
    expect(() => findTrainer({ default: { model: {} } })).toThrow("Training entry must export 'arkor'");
  });

  it("names a manifest without a trainer when nothing else supplies one", () => {
    expect(() => findTrainer({ arkor: { _kind: "arkor" } })).toThrow("The 'arkor' export is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).");
    expect(() => findTrainer({ default: { arkor: manifest() } })).toThrow(
      "The 'default.arkor' export is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).",
    );
  });

  it("names what is missing from a value that looks meant for arkor", () => {
    expect(() => findTrainer({ default: { wait: async () => ({}) } })).toThrow(
      "The 'default' export is not a trainer: it has no start() method. A trainer needs both start() and wait(), as createTrainer({...}) checks.",
    );
    expect(() => findTrainer({ arkor: { _kind: "arkor", trainer: {} } })).toThrow("The 'arkor.trainer' export is not a trainer: it has no start() or wait() method.");
    expect(() => findTrainer({ default: { trainer: { start: async () => ({}) } } })).toThrow("The 'default.trainer' export is not a trainer: it has no wait() method.");
    expect(() => findTrainer({ trainer: Object.assign(() => 0, { start: async () => ({}) }) })).toThrow("The 'trainer' export is not a trainer: it has no wait() method.");
  });
});
