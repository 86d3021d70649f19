import type { Progress } from "@arkor/core";

/**
 * One line of a job's progress file (`ARKOR_PROGRESS_FILE`): a JSON object
 * with the fields of `ctx.report()`. Returns the progress, or why the line is
 * not one. Python's `json.dumps` writes NaN and Infinity, which JSON lacks: such
 * a metric is left out, as `ctx.report()` leaves it out, rather than the line.
 */
export function parseProgressLine(line: string): { progress: Progress } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    try {
      value = JSON.parse(line.replace(/-?\bInfinity\b|\bNaN\b/g, "null"));
    } catch {
      return { problem: `it is not JSON (${(error as Error).message})` };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "it is not a JSON object" };
  const { step, total, metrics, message } = value as Record<string, unknown>;
  const progress: Progress = {};
  for (const [name, field] of [["step", step], ["total", total]] as const) {
    if (field === undefined || field === null) continue;
    if (typeof field !== "number") return { problem: `its ${name} is not a number` };
    // 1e400 parses to Infinity, which JSON cannot carry on: left out, as a NaN metric is.
    if (Number.isFinite(field)) progress[name] = field;
  }
  if (metrics !== undefined && metrics !== null) {
    if (typeof metrics !== "object" || Array.isArray(metrics)) return { problem: "its metrics is not an object of numbers" };
    // One pass, no copies: a long run's progress file has tens of thousands of lines to read.
    const finite: [string, number][] = [];
    for (const name in metrics) {
      const metric = (metrics as Record<string, unknown>)[name];
      if (metric === null) continue;
      if (typeof metric !== "number") return { problem: `its metric ${name} is not a number` };
      if (Number.isFinite(metric)) finite.push([name, metric]);
    }
    // fromEntries: a metric named __proto__ stays a metric.
    if (finite.length > 0) progress.metrics = Object.fromEntries(finite);
  }
  if (message !== undefined && message !== null) {
    if (typeof message !== "string") return { problem: "its message is not a string" };
    progress.message = message;
  }
  return { progress };
}
