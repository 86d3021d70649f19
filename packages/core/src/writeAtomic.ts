import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "./plugin.js";

// `<target>.<pid>.<random>.tmp`: the pid tells a later build whether the writer is still alive.
const TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes each file to a uniquely named temp file in its own folder, then
 * renames them over the targets, in the order given: a reader sees the old
 * file or the new one, never half of one. List the file readers open first
 * (the artifact) last.
 *
 * `signal` is checked once, after every temp file is written and before the
 * first rename: that is the one point where the build is either cancelled
 * (temps removed, targets untouched) or done (every rename happens).
 */
export async function writeAtomic(files: readonly OutputFile[], signal?: AbortSignal): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      temps.push(temp);
      await writeFile(temp, file.contents);
    }
    signal?.throwIfAborted();
    // No await between the check and the renames' start would let an abort in; from here on they all run.
    for (const [index, file] of files.entries()) await rename(temps[index]!, file.path);
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
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
