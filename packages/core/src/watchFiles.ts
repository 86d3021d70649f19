import { watch, type FSWatcher } from "node:fs";
import path from "node:path";

export interface FileChanges {
  /** Resolves with the files that changed, gathered over `settleMs` (an editor's save is often several events). */
  next(): Promise<string[]>;
  /** Watches these files instead, from now on. */
  setFiles(files: readonly string[]): void;
  close(): void;
}

/**
 * Changes to `files`, as a queue. Each file's folder is watched rather than
 * the file: editors save by renaming a new file over the old one, which ends
 * a watch on the file itself. The one watcher arkor uses, for every bundler.
 */
export function watchFiles(files: readonly string[], settleMs: number): FileChanges {
  let names = new Map<string, Set<string>>();
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const onEvent = (folder: string, name: string | Buffer | null) => {
    if (!name || !names.get(folder)?.has(name.toString())) return;
    pending.add(path.join(folder, name.toString()));
    clearTimeout(timer);
    timer = setTimeout(() => wake?.(), settleMs);
  };
  const setFiles = (next: readonly string[]) => {
    names = new Map();
    for (const file of next) {
      const folder = path.dirname(file);
      if (!names.has(folder)) names.set(folder, new Set());
      names.get(folder)!.add(path.basename(file));
    }
    for (const [folder, watcher] of watchers) {
      if (!names.has(folder)) (watcher.close(), watchers.delete(folder));
    }
    for (const folder of names.keys()) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(folder, watch(folder, (_event, name) => onEvent(folder, name)));
      } catch {
        // A folder that is gone has nothing to report; the next build names what is missing.
      }
    }
  };
  setFiles(files);
  return {
    async next() {
      while (pending.size === 0) await new Promise<void>((resolve) => (wake = resolve));
      const changed = [...pending].sort();
      pending = new Set();
      return changed;
    },
    setFiles,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
