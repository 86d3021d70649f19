import { statSync, type Stats } from "node:fs";

/** What a path names, following symlinks: a regular file, nothing, a loop of symlinks, or something that is not a file. */
export type PathKind = "file" | "missing" | "symlink loop" | "directory" | "named pipe (FIFO)" | "socket" | "character device" | "block device";

/**
 * Only a regular file can be an entry: opening a FIFO or a device blocks the
 * whole process (Ctrl-C included) until a writer shows up, so ask first.
 */
export function pathKind(absolutePath: string): PathKind {
  try {
    const stats = statSync(absolutePath, { throwIfNoEntry: false });
    return stats ? kindOf(stats) : "missing";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file where one of the path's folders should be: nothing is there.
    if (code === "ENOTDIR") return "missing";
    if (code === "ELOOP") return "symlink loop";
    throw error;
  }
}

function kindOf(stats: Stats): PathKind {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "directory";
  if (stats.isFIFO()) return "named pipe (FIFO)";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice()) return "character device";
  return "block device";
}
