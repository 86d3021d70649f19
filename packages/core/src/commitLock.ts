import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";

const LOCK_NAME = ".commit.lock";
// A holder keeps the lock for a few renames or reads; one held longer than this is taken to be stuck.
const GIVE_UP_MS = 2000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` while holding `dir`'s commit lock, a file created exclusively
 * with the holder's pid in it. Builds hold it while they rename their files
 * into place, so two processes' commits never interleave (one's manifest
 * beside the other's artifact); a reader that must see the artifact and its
 * manifest as one build left them holds it while it reads. A lock whose
 * holder is gone (killed mid-commit) is taken over. (Two processes taking
 * over the same dead lock at the same instant could both proceed: a holder
 * killed within its few renames is rare enough to leave that.)
 */
export function withCommitLock<T>(dir: string, fn: () => T): T {
  const lock = path.join(dir, LOCK_NAME);
  const fd = acquire(lock);
  try {
    return fn();
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** The lock's descriptor; undefined when the folder cannot hold one (read only, gone): then no writer can commit there either. */
function acquire(lock: string): number | undefined {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      return fd;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    if (holderIsGone(lock) || Date.now() > deadline) rmSync(lock, { force: true });
    else Atomics.wait(sleeper, 0, 0, 2);
  }
}

function holderIsGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return false; // Released while we looked: the next try takes it.
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    // Created but its pid not yet written, or left empty by a holder killed in between: give it a moment.
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    return age > 500;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
