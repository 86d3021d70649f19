import { isLive } from "./dom.js";

/** A duration as people read it: 0.4s, 12s, 3m 05s, 2h 07m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** A job's start to its end, or to now while it runs; NaN for one that ended without saying when. */
export function jobDuration(job: { status: string; createdAt: string; startedAt?: string; endedAt?: string }, now = Date.now()): number {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.endedAt ? Date.parse(job.endedAt) : isLive(job.status) ? now : Number.NaN;
  return end - start;
}

/** A moment, short: the time today, else the date and time. */
export function formatWhen(iso: string | undefined, now = new Date()): string {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return date.toDateString() === now.toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}
