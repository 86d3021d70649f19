import { closeSync, fstatSync, openSync, readSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";

export interface FollowedFile {
  path: string;
  /** Called with each piece of new text, in order; a multi-byte character is never split. */
  onText(text: string): void;
  /** Start at this byte instead of the beginning (`arkor jobs wait` shows only what comes next). */
  from?: number;
  /** Called when the file got shorter than what was read (rewritten, truncated): it is read again from its start. */
  onRewrite?(): void;
}

export interface FollowOptions {
  /**
   * How often to look without being told (the OS's file events do not cross a
   * cluster's network file system). Default 250 ms.
   */
  pollIntervalMs?: number;
  /**
   * While this says so, nothing is read (the consumer is behind: a slow page),
   * not even at the stop; reading resumes at the next look.
   */
  paused?: () => boolean;
}

/** The most read from one file at one time, so a huge log never blocks the process for long. */
const CHUNK = 1 << 20;

/**
 * Follows files that other processes append to (a job's logs and progress
 * file), as `tail -f` does: each new byte is handed on once, as soon as the OS
 * says the file changed, or at the next poll. Files may not exist yet. When
 * `signal` aborts, reads what is left, flushes and resolves.
 */
export function followFiles(files: readonly FollowedFile[], signal: AbortSignal, options: FollowOptions = {}): Promise<void> {
  const tails = files.map((file) => ({ ...file, fd: undefined as number | undefined, offset: file.from ?? 0, decoder: new StringDecoder("utf8") }));
  const buffer = Buffer.allocUnsafe(CHUNK);
  let pending = false;
  let stopped = false;

  /** Reads what is new in each file; returns whether more is left to read. */
  const readNew = (): boolean => {
    if (options.paused?.()) return false;
    let more = false;
    for (const tail of tails) {
      if (tail.fd === undefined) {
        try {
          tail.fd = openSync(tail.path, "r");
        } catch {
          continue;
        }
      }
      const size = fstatSync(tail.fd).size;
      // Replaced or truncated (a new file under the same name): start over.
      if (size < tail.offset) {
        tail.offset = 0;
        tail.onRewrite?.();
      }
      if (size === tail.offset) continue;
      const length = Math.min(CHUNK, size - tail.offset);
      const read = readSync(tail.fd, buffer, 0, length, tail.offset);
      tail.offset += read;
      const text = tail.decoder.write(buffer.subarray(0, read));
      if (text) tail.onText(text);
      if (tail.offset < size) more = true;
    }
    return more;
  };
  const schedule = () => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      // A file event may come after the stop, which closed the files.
      if (!stopped && readNew()) schedule();
    });
  };

  const watchers: FSWatcher[] = [];
  for (const dir of new Set(files.map((file) => path.dirname(file.path)))) {
    try {
      const watcher = watch(dir, schedule);
      watcher.on("error", () => {});
      watchers.push(watcher);
    } catch {
      // No file events here (a folder that is gone, an OS without them): the poll still reads.
    }
  }
  const timer = setInterval(schedule, options.pollIntervalMs ?? 250);
  readNew();

  return new Promise<void>((resolve) => {
    const finish = () => {
      stopped = true;
      clearInterval(timer);
      for (const watcher of watchers) watcher.close();
      while (readNew());
      for (const tail of tails) {
        const rest = tail.decoder.end();
        if (rest) tail.onText(rest);
        if (tail.fd !== undefined) closeSync(tail.fd);
        tail.fd = undefined;
      }
      resolve();
    };
    if (signal.aborted) finish();
    else signal.addEventListener("abort", finish, { once: true });
  });
}

/** Splits text that arrives in pieces into lines, `\n` or `\r\n`; `flush` hands on an unfinished last line. */
export function lineSplitter(onLine: (line: string, number: number) => void): { push(text: string): void; flush(): void } {
  let partial = "";
  let count = 0;
  const emit = (line: string) => onLine(line.endsWith("\r") ? line.slice(0, -1) : line, ++count);
  return {
    push(text) {
      const lines = (partial + text).split("\n");
      partial = lines.pop()!;
      for (const line of lines) emit(line);
    },
    flush() {
      if (partial !== "") emit(partial);
      partial = "";
    },
  };
}
