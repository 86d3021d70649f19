import type { Progress } from "@arkor/core";

/** `120/400 30% · 0:02 elapsed · ETA 0:05 · loss=1234.5`, with a bar in front on a terminal. */
export function progressLine(progress: Progress, elapsedMs: number, options: { bar: boolean; width?: number }): string {
  const { step, total } = progress;
  const parts: string[] = [];
  const fraction = step !== undefined && total !== undefined && total > 0 ? Math.min(1, Math.max(0, step / total)) : undefined;
  if (step !== undefined) parts.push(total !== undefined ? `${step}/${total}` : `step ${step}`);
  if (fraction !== undefined) parts.push(`${Math.floor(fraction * 100)}%`);
  parts.push(`${clock(elapsedMs)} elapsed`);
  if (fraction !== undefined && fraction > 0 && fraction < 1) parts.push(`ETA ${clock((elapsedMs / fraction) * (1 - fraction))}`);
  const metrics = Object.entries(progress.metrics ?? {}).map(([name, value]) => `${name}=${formatNumber(value)}`);
  if (metrics.length > 0) parts.push(metrics.join(" "));
  if (progress.message) parts.push(progress.message);
  const text = parts.join(" · ");
  if (!options.bar || fraction === undefined) return text;
  const size = 20;
  const filled = Math.round(fraction * size);
  const line = `${"█".repeat(filled)}${"░".repeat(size - filled)} ${text}`;
  return options.width && line.length > options.width ? line.slice(0, options.width - 1) : line;
}

export function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : Number(value.toPrecision(5)).toString();
}
