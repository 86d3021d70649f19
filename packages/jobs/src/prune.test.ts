import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JOB_RECORD_SCHEMA_VERSION, type JobRecord } from "@arkor/core";
import { afterEach, describe, expect, it } from "vitest";
import { autoPrune, pruneStore } from "./prune.js";
import { jobDir, listJobIds, writeRecord } from "./store.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A store with jobs of these statuses, oldest first. */
function store(statuses: string[]): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-prune-"));
  dirs.push(cwd);
  statuses.forEach((status, index) => {
    const id = `20261206-1000${String(index).padStart(2, "0")}-aaaa`;
    mkdirSync(jobDir(cwd, id), { recursive: true });
    const record: JobRecord = { schemaVersion: JOB_RECORD_SCHEMA_VERSION, id, artifact: "a", sha256: "", status, createdAt: "", owner: { pid: 1, host: "h" } };
    writeRecord(jobDir(cwd, id), record);
  });
  return cwd;
}

describe("pruning the store", () => {
  it("removes ended jobs past the newest `keep`, never one that may still run", () => {
    const cwd = store(["completed", "running", "failed", "queued", "cancelled", "completed"]);
    const result = pruneStore(cwd, 1);
    expect(result.removed).toEqual(["20261206-100004-aaaa", "20261206-100002-aaaa", "20261206-100000-aaaa"]);
    expect(result.freedBytes).toBeGreaterThan(0);
    expect(result.kept).toBe(3);
    expect(listJobIds(cwd)).toEqual(["20261206-100005-aaaa", "20261206-100003-aaaa", "20261206-100001-aaaa"]);
  });

  it("removes a folder without a record only when it is a day old (a run killed as it began)", () => {
    const cwd = store(["completed"]);
    const fresh = jobDir(cwd, "20261206-110000-bbbb");
    const stale = jobDir(cwd, "20261205-110000-cccc");
    mkdirSync(fresh);
    mkdirSync(stale);
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    utimesSync(stale, dayAgo, dayAgo);
    pruneStore(cwd, 5);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(stale)).toBe(false);
  });

  it("keeps the store under ARKOR_JOBS_KEEP as runs are recorded, leaving room for the new one, a tenth at once", () => {
    const cwd = store(Array.from({ length: 12 }, () => "completed"));
    autoPrune(cwd, { ARKOR_JOBS_KEEP: "13" });
    expect(listJobIds(cwd)).toHaveLength(12);
    autoPrune(cwd, { ARKOR_JOBS_KEEP: "3" });
    expect(listJobIds(cwd)).toEqual(["20261206-100011-aaaa", "20261206-100010-aaaa"]);
    autoPrune(cwd, { ARKOR_JOBS_KEEP: "2" });
    expect(listJobIds(cwd)).toEqual(["20261206-100011-aaaa"]);
    const big = store(Array.from({ length: 20 }, () => "completed"));
    autoPrune(big, { ARKOR_JOBS_KEEP: "20" });
    expect(listJobIds(big)).toHaveLength(18);
  });
});
