import { statSync, type Stats } from "node:fs";

/** What a path names, following symlinks: a regular file, nothing, or something that is not a file. */
export type PathKind = "file" | "missing" | "directory" | "named pipe (FIFO)" | "socket" | "character device" | "block device";

/**
 * Only a regular file can be an entry: opening a FIFO or a device blocks the
 * whole process (Ctrl-C included) until a writer shows up, so ask first.
 */
export function pathKind(absolutePath: string): PathKind {
  const stats = statSync(absolutePath, { throwIfNoEntry: false });
  return stats ? kindOf(stats) : "missing";
}

function kindOf(stats: Stats): PathKind {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "directory";
  if (stats.isFIFO()) return "named pipe (FIFO)";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice()) return "character device";
  return "block device";
}
