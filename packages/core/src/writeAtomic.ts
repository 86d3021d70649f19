import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
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
  const tempOf = new Map<string, string>();
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.${nodeCrypto().randomBytes(4).toString("hex")}.tmp`;
      const contents = typeof file.contents === "function" ? file.contents(tempOf) : file.contents;
      tempOf.set(file.path, temp);
      await writeFile(temp, contents);
    }
    signal?.throwIfAborted();
    // No await between the check and the renames' start would let an abort in; from here on they all run.
    for (const file of [...files].reverse()) await rename(tempOf.get(file.path)!, file.path);
  } finally {
    await Promise.all([...tempOf.values()].map((temp) => rm(temp, { force: true })));
  }
}

/**
 * Removes temp files left in `dir` by writers that are gone (a build killed
 * with SIGKILL, a power loss). A live writer's temps, including another
 * build's running now, are left alone.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .map((name) => TEMP.exec(name))
      .filter((match) => match !== null && !isAlive(Number(match[2])))
      .map((match) => rm(path.join(dir, match![0]), { force: true })),
  );
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
