import { invalidTrainer, isArkor, isTrainer, noTrainerExport, type Trainer, type TrainerExport } from "@arkor/core";

/**
 * The spec's order: `export const arkor` (a createArkor manifest), then
 * `export const trainer`, then the default export (either of the two).
 * A value that looks meant for arkor but is incomplete gets its own error,
 * rather than the generic one, so the user learns what is missing.
 */
export function findTrainer(moduleNamespace: Record<string, unknown>): { trainer: Trainer; exportName: TrainerExport } {
  for (const exportName of ["arkor", "trainer", "default"] as const) {
    const value = moduleNamespace[exportName];
    if (value === undefined || value === null) continue;
    const trainer = trainerOf(value, exportName);
    if (trainer) return { trainer, exportName };
  }
  throw noTrainerExport();
}

function trainerOf(value: unknown, exportName: string): Trainer | undefined {
  if (isArkor(value)) {
    const trainer = (value as { trainer?: unknown }).trainer;
    if (trainer === undefined || trainer === null) {
      throw invalidTrainer(exportName, "is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).");
    }
    checkTrainer(trainer, `${exportName}.trainer`);
    return trainer as Trainer;
  }
  if (typeof value !== "object" && typeof value !== "function") return undefined;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.start !== "function" && typeof candidate.wait !== "function") return undefined;
  checkTrainer(candidate, exportName);
  return candidate as unknown as Trainer;
}

function checkTrainer(value: unknown, exportName: string): void {
  if (isTrainer(value)) return;
  const candidate = (value ?? {}) as Record<string, unknown>;
  const missing = ["start", "wait"].filter((method) => typeof candidate[method] !== "function");
  throw invalidTrainer(
    exportName,
    `is not a trainer: it has no ${missing.map((method) => `${method}()`).join(" or ")} method. A trainer needs both start() and wait(), as createTrainer({...}) checks.`,
  );
}
