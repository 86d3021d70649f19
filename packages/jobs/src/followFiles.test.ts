import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { followFiles, lineSplitter } from "./followFiles.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-follow-"));
  dirs.push(dir);
  return dir;
}

/** Resolves once `read()` satisfies `done`, polling. */
async function until(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("followFiles", () => {
  it("reads nothing while paused, even when stopped, and resumes where it was at the next look", async () => {
    const dir = tempDir();
    const file = path.join(dir, "a.log");
    writeFileSync(file, "one\n");
    let text = "";
    let paused = true;
    const controller = new AbortController();
    const done = followFiles([{ path: file, onText: (more) => (text += more) }], controller.signal, { pollIntervalMs: 20, paused: () => paused });
    appendFileSync(file, "two\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text).toBe("");
    paused = false;
    await until(() => text === "one\ntwo\n");
    paused = true;
    appendFileSync(file, "three\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text).toBe("one\ntwo\n");
    controller.abort();
    await done;
    expect(text).toBe("one\ntwo\n");
  });

  it("hands on what other writers append, to files that may appear later, and what is left when stopped", async () => {
    const dir = tempDir();
    const a = path.join(dir, "a.log");
    const b = path.join(dir, "b.log");
    writeFileSync(a, "first\n");
    let textA = "";
    let textB = "";
    const controller = new AbortController();
    const done = followFiles([{ path: a, onText: (text) => (textA += text) }, { path: b, onText: (text) => (textB += text) }], controller.signal, { pollIntervalMs: 10_000 });
    expect(textA).toBe("first\n");
    appendFileSync(a, "second\n");
    // Seen through the file system's events: the poll is 10 s away.
    await until(() => textA === "first\nsecond\n");
    appendFileSync(b, "created later\n");
    await until(() => textB === "created later\n");
    appendFileSync(a, "last, unseen until the stop");
    controller.abort();
    await done;
    expect(textA).toBe("first\nsecond\nlast, unseen until the stop");
  });

  it("never splits a multi-byte character, and starts over on a truncated file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "u.log");
    writeFileSync(file, Buffer.from("ü", "utf8").subarray(0, 1));
    let text = "";
    const controller = new AbortController();
    const done = followFiles([{ path: file, onText: (chunk) => (text += chunk) }], controller.signal, { pollIntervalMs: 20 });
    appendFileSync(file, Buffer.concat([Buffer.from("ü", "utf8").subarray(1), Buffer.from("ber\n")]));
    await until(() => text === "über\n");
    truncateSync(file, 0);
    appendFileSync(file, "new\n");
    await until(() => text === "über\nnew\n");
    controller.abort();
    await done;
  });

  it("ignores a read scheduled before the stop that runs after it, when the files are closed", async () => {
    const dir = tempDir();
    const file = path.join(dir, "late.log");
    writeFileSync(file, "x\n");
    for (let round = 0; round < 30; round++) {
      const controller = new AbortController();
      // Polled every millisecond: the stop below often lands in the same timers phase as a poll, whose read runs after it.
      const done = followFiles([{ path: file, onText: () => {} }], controller.signal, { pollIntervalMs: 1 });
      await new Promise((resolve) => setTimeout(() => resolve(controller.abort()), 3));
      await done;
      await new Promise((resolve) => setImmediate(resolve));
    }
  });

  it("starts at a given offset", async () => {
    const dir = tempDir();
    const file = path.join(dir, "o.log");
    writeFileSync(file, "old\nnew\n");
    let text = "";
    const controller = new AbortController();
    controller.abort();
    await followFiles([{ path: file, from: 4, onText: (chunk) => (text += chunk) }], controller.signal);
    expect(text).toBe("new\n");
  });
});

describe("lineSplitter", () => {
  it("numbers whole lines across pieces, \\r\\n included, and flushes an unfinished last one", () => {
    const lines: [string, number][] = [];
    const splitter = lineSplitter((line, number) => lines.push([line, number]));
    splitter.push('{"step"');
    splitter.push(': 1}\r\n{"step": 2}\n{"st');
    expect(lines).toEqual([['{"step": 1}', 1], ['{"step": 2}', 2]]);
    splitter.push('ep": 3}');
    splitter.flush();
    expect(lines.at(-1)).toEqual(['{"step": 3}', 3]);
  });
});
