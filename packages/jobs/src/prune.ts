import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { isLiveStatus } from "@arkor/core";
import { jobDir, listJobIds, readRecord } from "./store.js";

/** How many ended jobs `arkor start` keeps, removing older ones as it records a new one (ARKOR_JOBS_KEEP overrides). */
export const AUTO_KEEP = 100;
/** How many ended jobs `arkor jobs prune` keeps unless told (`--keep`). */
export const PRUNE_KEEP = 20;

/** A folder without a record this old is a leftover (a run killed while it began), not a run beginning now. */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

export interface PruneResult {
  removed: string[];
  /** Bytes the removed folders held. */
  freedBytes: number;
  /** Jobs left in the store. */
  kept: number;
}

/**
 * Removes every ended job but the newest `keep`. A job that may still be
 * running (queued, running, starting) is never removed.
 */
export function pruneStore(cwd: string, keep: number): PruneResult {
  const result: PruneResult = { removed: [], freedBytes: 0, kept: 0 };
  let ended = 0;
  for (const id of listJobIds(cwd)) {
    const dir = jobDir(cwd, id);
    const record = readRecord(dir);
    const removable = record ? !isLiveStatus(record.status) && ++ended > keep : isOrphan(dir);
    if (!removable) {
      if (record) result.kept++;
      continue;
    }
    result.freedBytes += sizeOf(dir);
    rmSync(dir, { recursive: true, force: true });
    result.removed.push(id);
  }
  return result;
}

/** How many ended jobs `arkor start` keeps: ARKOR_JOBS_KEEP, else AUTO_KEEP; `problem` says why a set value is not used. */
export function autoKeep(env: Record<string, string | undefined> = process.env): { keep: number; problem?: string } {
  const raw = env.ARKOR_JOBS_KEEP;
  if (raw === undefined || raw.trim() === "") return { keep: AUTO_KEEP };
  const keep = Number(raw);
  if (Number.isInteger(keep) && keep >= 0) return { keep };
  return { keep: AUTO_KEEP, problem: `ARKOR_JOBS_KEEP must be a whole number, 0 or more; got ${JSON.stringify(raw)}. The store keeps the default, ${AUTO_KEEP} ended jobs.` };
}

/**
 * The cap `arkor start` keeps the store under; costs one readdir while under
 * it. Once at the cap it removes a tenth of it at once, so that not every
 * start of a busy project reads every record.
 */
export function autoPrune(cwd: string, env: Record<string, string | undefined> = process.env): void {
  const { keep } = autoKeep(env);
  // The new run's folder is made right after: leave room for it.
  if (listJobIds(cwd).length < keep) return;
  pruneStore(cwd, Math.max(0, keep - Math.max(1, Math.floor(keep / 10))));
}

function isOrphan(dir: string): boolean {
  try {
    return Date.now() - statSync(dir).mtimeMs > ORPHAN_AGE_MS;
  } catch {
    return false;
  }
}

function sizeOf(dir: string): number {
  let bytes = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      bytes += entry.isDirectory() ? sizeOf(file) : statSync(file).size;
    }
  } catch {
    // Gone meanwhile: nothing to count.
  }
  return bytes;
}
