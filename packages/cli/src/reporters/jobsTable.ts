import type { EventOf } from "@arkor/core";
import type { Colors } from "./colors.js";
import { clock, formatNumber } from "./progressLine.js";

const HEADERS = ["ID", "TRAINER", "BACKEND", "STATUS", "STARTED", "DURATION", "LAST METRICS"];

/** `arkor jobs`: one line per job, newest first, in aligned columns (as `docker ps` prints). */
export function jobsTable(event: EventOf<"jobs">, colors: Colors, now = Date.now()): string {
  if (event.jobs.length === 0) return "No jobs yet: arkor start records each run in .arkor/jobs/.\n";
  const rows = event.jobs.map((job) => {
    const started = Date.parse(job.startedAt ?? job.createdAt);
    const ended = job.endedAt ? Date.parse(job.endedAt) : now;
    const metrics = Object.entries(job.lastProgress?.metrics ?? {})
      .map(([name, value]) => `${name}=${formatNumber(value)}`)
      .join(" ");
    const step = job.lastProgress?.step !== undefined ? `${job.lastProgress.step}${job.lastProgress.total !== undefined ? `/${job.lastProgress.total}` : ""}` : "";
    return [job.id, job.trainer ?? "-", job.backend ?? "-", job.status, localTime(started), clock(Math.max(0, ended - started)), [step, metrics].filter(Boolean).join(" ") || "-"];
  });
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[], paint = (cell: string, _column: number) => cell) =>
    cells
      .map((cell, column) => paint(column === cells.length - 1 ? cell : cell.padEnd(widths[column]!), column))
      .join("  ")
      .trimEnd();
  const statusColor = (status: string) =>
    status === "completed" ? colors.green : status === "running" || status === "queued" || status === "starting" ? colors.cyan : colors.red;
  return `${[
    colors.dim(line(HEADERS)),
    ...rows.map((row) => line(row, (cell, column) => (column === 3 ? statusColor(row[3]!)(cell) : cell))),
  ].join("\n")}\n`;
}

/** `2026-12-06 10:02:06`, in the machine's time zone. */
function localTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
