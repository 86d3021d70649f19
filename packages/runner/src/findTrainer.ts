import { invalidTrainer, isArkor, isTrainer, noTrainerExport, type Trainer, type TrainerExport } from "@arkor/core";

export interface FoundTrainer {
  trainer: Trainer;
  /** The export of the module the trainer came from. */
  exportName: TrainerExport;
}

const EXPORT_ORDER: readonly TrainerExport[] = ["arkor", "trainer", "default"];

/**
 * The spec's order: `export const arkor` (a createArkor manifest), then
 * `export const trainer`, then the default export (either of the two, or an
 * object holding `arkor` or `trainer`: upstream's `export default { trainer }`,
 * and what a CommonJS entry's `exports.trainer` becomes once bundled to ESM,
 * where Node's named-export detection would have found it).
 *
 * A manifest without a trainer is skipped, so the next shape can supply one;
 * only when none does is it named in the error. A value that looks meant for
 * arkor but is incomplete gets its own error, so the user learns what is missing.
 */
export function findTrainer(moduleNamespace: Record<string, unknown>): FoundTrainer {
  let manifestWithoutTrainer: string | undefined;
  for (const exportName of EXPORT_ORDER) {
    for (const [label, value] of candidates(moduleNamespace, exportName)) {
      const found = trainerOf(value, label);
      if (found === "manifest without trainer") manifestWithoutTrainer ??= label;
      else if (found) return { trainer: found, exportName };
    }
  }
  if (manifestWithoutTrainer) {
    throw invalidTrainer(manifestWithoutTrainer, "is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).");
  }
  throw noTrainerExport();
}

/** The values an export offers, each with the name an error would give it. */
function candidates(moduleNamespace: Record<string, unknown>, exportName: TrainerExport): Array<[label: string, value: unknown]> {
  const value = moduleNamespace[exportName];
  if (exportName !== "default" || typeof value !== "object" || value === null || isArkor(value) || isTrainer(value)) {
    return [[exportName, value]];
  }
  const inside = value as Record<string, unknown>;
  return [["default", value], ["default.arkor", inside.arkor], ["default.trainer", inside.trainer]];
}

function trainerOf(value: unknown, label: string): Trainer | "manifest without trainer" | undefined {
  if (value === undefined || value === null) return undefined;
  if (isArkor(value)) {
    const trainer = (value as { trainer?: unknown }).trainer;
    if (trainer === undefined || trainer === null) return "manifest without trainer";
    checkTrainer(trainer, `${label}.trainer`);
    return trainer as Trainer;
  }
  if (typeof value !== "object" && typeof value !== "function") return undefined;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.start !== "function" && typeof candidate.wait !== "function") return undefined;
  checkTrainer(candidate, label);
  return candidate as unknown as Trainer;
}

function checkTrainer(value: unknown, label: string): void {
  if (isTrainer(value)) return;
  const candidate = (value ?? {}) as Record<string, unknown>;
  const missing = ["start", "wait"].filter((method) => typeof candidate[method] !== "function");
  throw invalidTrainer(
    label,
    `is not a trainer: it has no ${missing.map((method) => `${method}()`).join(" or ")} method. A trainer needs both start() and wait(), as createTrainer({...}) checks.`,
  );
}
