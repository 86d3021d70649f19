import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import type { JobOwner } from "@arkor/core";

/**
 * When a process started, as Linux counts it (clock ticks since boot, field 22
 * of /proc/<pid>/stat); undefined where there is no /proc or it is gone. With
 * the pid it names one process for good: a pid reused later has another start time.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

/** This process, as a job's owner. */
export function currentOwner(): JobOwner {
  const startTime = processStartTime(process.pid);
  return { pid: process.pid, ...(startTime !== undefined && { startTime }), host: os.hostname() };
}

/** Whether the process `pid` (started at `startTime`, when known) is still running on this machine. */
export function isProcessAlive(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (startTime === undefined) return true;
  const now = processStartTime(pid);
  // A zombie keeps its stat; a pid that now names another process has another start time.
  return now === undefined ? true : now === startTime && !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/** Whether an owner recorded in job.json is alive; false when it ran on another host (it cannot be asked from here). */
export function isOwnerAlive(owner: JobOwner): boolean {
  return owner.host === os.hostname() && isProcessAlive(owner.pid, owner.startTime);
}

/**
 * Whether any process of the process group `pgid` still runs. A zombie (dead,
 * waiting for its parent to collect it) does not count: where PID 1 collects
 * orphans slowly, the group would look alive long after its last process died.
 */
export function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // After the command name: state, ppid, pgrp.
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(group) === pgid && state !== "Z";
    } catch {
      return false;
    }
  });
}
