import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withCommitLock } from "./commitLock.js";
import { nodeCrypto } from "./nodeBuiltins.js";

// `<target>.<pid>.<random>.tmp`: the pid tells a later build whether the writer is still alive.
const TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A file to write atomically; `contents` may be computed from the temps written before it. */
export interface AtomicFile {
  path: string;
  contents: Uint8Array | ((tempOf: ReadonlyMap<string, string>) => Uint8Array);
}

/**
 * Writes each file to a uniquely named temp file in its own folder, in the
 * order given, then renames them over the targets in the reverse order: a
 * reader sees the old file or the new one, never half of one. List the file
 * readers open first (the artifact) first: it is renamed last, and a file
 * that describes it (the manifest) can stat its temp, listed after it.
 *
 * `signal` is checked once, after every temp file is written and before the
 * first rename: that is the one point where the build is either cancelled
 * (temps removed, targets untouched) or done (every rename happens).
 */
export async function writeAtomic(files: readonly AtomicFile[], signal?: AbortSignal): Promise<void> {
  if (files.length === 0) return;
  const tempOf = new Map<string, string>();
  try {
    // Synchronous: a handful of files, and each async call would be a round trip through libuv's threads.
    for (const folder of new Set(files.map((file) => path.dirname(file.path)))) mkdirSync(folder, { recursive: true });
    for (const file of files) {
      const temp = `${file.path}.${process.pid}.${nodeCrypto().randomBytes(4).toString("hex")}.tmp`;
      const contents = typeof file.contents === "function" ? file.contents(tempOf) : file.contents;
      tempOf.set(file.path, temp);
      writeFileSync(temp, contents);
    }
    // One turn of the event loop, so a signal that came during the writes has aborted by now.
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    // Nothing between the check and the renames could let an abort in: from here on they all run,
    // under the folder's commit lock, so another process's commit cannot interleave with them.
    withCommitLock(path.dirname(files[0]!.path), () => {
      for (const file of [...files].reverse()) renameSync(tempOf.get(file.path)!, file.path);
    });
    tempOf.clear();
  } finally {
    for (const temp of tempOf.values()) rmSync(temp, { force: true });
  }
}

/**
 * Removes temp files left in `dir` by writers that are gone (a build killed
 * with SIGKILL, a power loss). A live writer's temps, including another
 * build's running now, are left alone.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const match of names.map((name) => TEMP.exec(name))) {
    if (match !== null && !isAlive(Number(match[2]))) rmSync(path.join(dir, match[0]), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
