import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import os from "node:os";
import { commandText, formatTimeLimit, jobNotStarted, normalizeResources, type JobBackend, type JobHandle, type JobSpec, type JobState } from "@arkor/core";
import { isGroupAlive, isProcessAlive, processStartTime } from "../processInfo.js";
import { lastWrite } from "../store.js";
import { spawnErrorMessage } from "./spawnError.js";

type Ended = Extract<JobState, { state: "ended" }>;

/** A job this process started: the child, and what arkor asked of it. */
interface LocalJob {
  child: ChildProcess;
  exited: Promise<Ended>;
  cancelRequested: boolean;
  timedOut: boolean;
}

/** Jobs started by this process, by pid: only their parent learns how they exited. */
const ownJobs = new Map<number, LocalJob>();
/** Process groups being stopped: if this process exits first, it kills them (no process of a cancelled job survives). */
const stopping = new Set<number>();
/** How long a job past its time limit has between SIGTERM and SIGKILL. */
const TIME_LIMIT_GRACE_MS = 10_000;
/** How often a group being stopped is checked for survivors. */
const GROUP_POLL_MS = 25;

export interface LocalHandle extends JobHandle {
  pid: number;
  /** The pid's start time (processInfo.ts), so a reused pid is not taken for the job. */
  startTime?: string;
  host: string;
}

/**
 * Runs the command as a child of this process in its own process group (its
 * own session, so a terminal's Ctrl-C reaches arkor, which cancels it), with
 * stdout and stderr going straight to the job's files, so the job survives
 * arkor being killed. A cancel is SIGTERM to the group, then SIGKILL once the
 * grace is up. `resources.time` is enforced the same way; the other resources
 * are the machine's.
 */
export function localBackend(): JobBackend {
  return {
    name: "local",
    pollIntervalMs: 1000,

    async submit(spec, ctx) {
      const stdout = openSync(ctx.files.stdout, "a");
      const stderr = openSync(ctx.files.stderr, "a");
      let child: ChildProcess;
      try {
        const env = { ...process.env, ...ctx.env };
        child = spawn(spec.command[0]!, spec.command.slice(1), { cwd: ctx.cwd, env, detached: true, stdio: ["ignore", stdout, stderr] });
        await new Promise<void>((resolve, reject) => {
          child.once("spawn", resolve);
          child.once("error", reject);
        });
      } catch (error) {
        throw jobNotStarted(spawnErrorMessage(error, spec.command, ctx.cwd, ctx.env.PATH ?? process.env.PATH ?? ""), error);
      } finally {
        closeSync(stdout);
        closeSync(stderr);
      }
      const pid = child.pid!;
      const job: LocalJob = { child, cancelRequested: false, timedOut: false, exited: undefined! };
      job.exited = watchExit(job, spec);
      ownJobs.set(pid, job);
      const limit = normalizeResources(spec.resources).timeSeconds;
      if (limit !== undefined) enforceTimeLimit(job, pid, limit);
      const startTime = processStartTime(pid);
      const handle: LocalHandle = { id: String(pid), dir: ctx.dir, pid, ...(startTime !== undefined && { startTime }), host: os.hostname() };
      return handle;
    },

    async status(handle) {
      const { pid, startTime, host } = handle as LocalHandle;
      const own = ownJobs.get(pid);
      if (own) return own.child.exitCode === null && own.child.signalCode === null ? { state: "running" } : own.exited;
      // Another host's process cannot be asked about from here: it is taken as running.
      if (host !== os.hostname()) return { state: "running", node: host };
      if (isProcessAlive(pid, startTime)) return { state: "running" };
      const endedAt = lastWrite(handle.dir);
      return { state: "ended", status: "lost", message: `its process (pid ${pid}) is gone, and no arkor process recorded how it ended`, ...(endedAt && { endedAt }) };
    },

    ended(handle) {
      return ownJobs.get((handle as LocalHandle).pid)?.exited;
    },

    async cancel(handle, { graceMs }) {
      const { pid, startTime } = handle as LocalHandle;
      const own = ownJobs.get(pid);
      if (own) own.cancelRequested = true;
      else if (!isProcessAlive(pid, startTime) && !isGroupAlive(pid)) return;
      await stopGroup(pid, graceMs);
    },
  };
}

/** How the child ended, once it has; survivors in its group are stopped, as Slurm ends a job's processes with it. */
function watchExit(job: LocalJob, spec: JobSpec): Promise<Ended> {
  const what = commandText(spec.command);
  return new Promise((resolve) => {
    job.child.once("exit", (code, signal) => {
      const pid = job.child.pid!;
      if (isGroupAlive(pid)) void stopGroup(pid, 2000);
      if (job.timedOut) {
        resolve({ state: "ended", status: "timeout", ...exit(code, signal), message: `${what} hit its time limit of ${formatTimeLimit(normalizeResources(spec.resources).timeSeconds!)}` });
      } else if (job.cancelRequested) resolve({ state: "ended", status: "cancelled", ...exit(code, signal) });
      else if (code === 0) resolve({ state: "ended", status: "completed", exitCode: 0 });
      else if (code !== null) resolve({ state: "ended", status: "failed", exitCode: code, message: `${what} exited with code ${code}` });
      else resolve({ state: "ended", status: "failed", signal: signal ?? undefined, message: `${what} was killed by ${signal}` });
    });
  });
}

function exit(code: number | null, signal: NodeJS.Signals | null): { exitCode?: number; signal?: string } {
  return code !== null ? { exitCode: code } : signal !== null ? { signal } : {};
}

function enforceTimeLimit(job: LocalJob, pid: number, seconds: number): void {
  // A Node timer holds at most about 24.8 days; a longer limit is left to the machine.
  if (seconds * 1000 > 2 ** 31 - 1) return;
  const timer = setTimeout(() => {
    job.timedOut = true;
    void stopGroup(pid, TIME_LIMIT_GRACE_MS);
  }, seconds * 1000);
  timer.unref();
  job.child.once("exit", () => clearTimeout(timer));
}

/**
 * SIGTERM to every process of the group, SIGKILL to what is left after
 * `graceMs`; resolves when none is left. If this process exits first, its exit
 * hook sends the SIGKILL.
 */
async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  installExitHook();
  stopping.add(pgid);
  try {
    signalGroup(pgid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (isGroupAlive(pgid) && Date.now() < deadline) await sleep(Math.min(GROUP_POLL_MS, Math.max(1, deadline - Date.now())));
    if (!isGroupAlive(pgid)) return;
    signalGroup(pgid, "SIGKILL");
    while (isGroupAlive(pgid)) await sleep(GROUP_POLL_MS);
  } finally {
    stopping.delete(pgid);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Gone already.
  }
}

let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pgid of stopping) signalGroup(pgid, "SIGKILL");
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
