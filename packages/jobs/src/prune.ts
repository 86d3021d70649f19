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
      result.kept++;
      continue;
    }
    result.freedBytes += sizeOf(dir);
    rmSync(dir, { recursive: true, force: true });
    result.removed.push(id);
  }
  return result;
}

/** The cap `arkor start` keeps the store under; costs one readdir while under it. */
export function autoPrune(cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const fromEnv = env.ARKOR_JOBS_KEEP === undefined || env.ARKOR_JOBS_KEEP.trim() === "" ? undefined : Number(env.ARKOR_JOBS_KEEP);
  const keep = fromEnv !== undefined && Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : AUTO_KEEP;
  // The new run's folder is made right after: leave room for it.
  if (listJobIds(cwd).length < keep) return;
  pruneStore(cwd, Math.max(0, keep - 1));
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
