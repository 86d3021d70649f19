/**
 * Helpers for tests of jobs: the store's records, a --json stdout as events,
 * and whether processes (or a whole process group) still run.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { JobRecord } from "../../packages/core/src/jobRecord.js";
import type { ProjectFiles } from "./projectFiles.js";

export { isGroupAlive } from "../../packages/jobs/src/processInfo.js";

/** The records of a project's job store, newest first. */
export function jobRecords(project: ProjectFiles): JobRecord[] {
  const store = project.path(".arkor/jobs");
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .sort()
    .reverse()
    .filter((id) => existsSync(path.join(store, id, "job.json")))
    .map((id) => JSON.parse(readFileSync(path.join(store, id, "job.json"), "utf8")) as JobRecord);
}

/** An event as a test reads it: any field may be looked at. */
export type LooseEvent = { type: string; [field: string]: any };

/** The NDJSON lines of a `--json` stdout. */
export function parseEvents(stdout: string): LooseEvent[] {
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LooseEvent);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/** Resolves once `file` exists and matches `pattern`. */
export async function untilFile(file: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${file} to match ${pattern}; it holds:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The live descendants of a process, children first, from /proc (Linux). */
export function descendants(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent) found.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** A process's command line, as `ps` shows it ("" once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}
