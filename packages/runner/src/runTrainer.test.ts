import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ArkorEvent } from "@arkor/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTrainer } from "./index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "arkor-runner-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Collects the events of a run; `bodies()` drops the envelope (v, seq, time) after checking it. */
function recorder() {
  const events: ArkorEvent[] = [];
  return {
    onEvent: (event: ArkorEvent) => void events.push(event),
    bodies() {
      expect(events.map(({ v, seq }) => [v, seq])).toEqual(events.map((_, index) => [1, index]));
      return events.map(({ v, seq, time, ...body }) => body);
    },
  };
}

const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function writeModule(name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

const LONG_JOB = `
let stop, done;
export const trainer = {
  async start() {
    globalThis.__cancels = 0;
    done = new Promise((resolve) => (stop = resolve));
    setTimeout(() => stop("completed"), 30_000).unref();
    return { jobId: "long" };
  },
  async wait() {
    globalThis.__onRunning?.(); // the test acts once the job runs, not after a guessed delay
    return { job: { id: "long", status: await done } };
  },
  async cancel() { globalThis.__cancels++; stop("cancelled"); },
};
`;

/** Runs `callback` once LONG_JOB runs: when its wait() is called, after start() has returned. */
function onRunning(callback: () => void): void {
  (globalThis as { __onRunning?: () => void }).__onRunning = callback;
}

describe("runTrainer", () => {
  it("runs a module's trainer, tells it as events, and resolves to the outcome", async () => {
    const file = writeModule("ok.mjs", 'export const trainer = { name: "ok", start: async () => ({ jobId: "j1" }), wait: async () => ({ job: { id: "j1", status: "completed" }, artifacts: [1] }) };');
    const events = recorder();
    const outcome = await runTrainer(file, { onEvent: events.onEvent });
    const result = { job: { id: "j1", status: "completed" }, artifacts: [1] };
    expect(outcome).toEqual({ jobId: "j1", status: "completed", result, exitCode: 0, cancelled: false });
    expect(events.bodies()).toEqual([
      { type: "run.start", artifact: file, sha256: sha256Of(file), export: "trainer", name: "ok" },
      { type: "job.started", jobId: "j1" },
      { type: "job.finished", jobId: "j1", status: "completed", exitCode: 0, cancelled: false, result },
      { type: "end", exitCode: 0 },
    ]);
  });

  it("resolves a relative path against cwd, and defaults to src/arkor/index.ts", async () => {
    await expect(runTrainer(undefined, { cwd: dir })).rejects.toThrow(
      `Training entry not found: ${path.join(dir, "src/arkor/index.ts")}. Provide a path or create src/arkor/index.ts.`,
    );
    await expect(runTrainer("build/x.mjs", { cwd: dir })).rejects.toMatchObject({
      code: "TRAINING_ENTRY_NOT_FOUND",
      message: `Training entry not found: ${path.join(dir, "build/x.mjs")}. Provide a path or create src/arkor/index.ts.`,
    });
    writeModule("rel.mjs", 'export default { start: async () => ({ jobId: "rel" }), wait: async () => ({ job: { id: "rel", status: "failed" } }) };');
    const outcome = await runTrainer("rel.mjs", { cwd: dir });
    expect(outcome).toMatchObject({ jobId: "rel", status: "failed", exitCode: 1 });
  });

  it("an aborted signal cancels the job: cancel() once, wait() settles, exit code 1", async () => {
    const file = writeModule("long.mjs", LONG_JOB);
    const controller = new AbortController();
    const events = recorder();
    onRunning(() => controller.abort());
    const outcome = await runTrainer(file, { signal: controller.signal, onEvent: events.onEvent });
    expect(outcome).toMatchObject({ jobId: "long", status: "cancelled", exitCode: 1, cancelled: true });
    expect((globalThis as { __cancels?: number }).__cancels).toBe(1);
    expect(events.bodies()).toEqual([
      { type: "run.start", artifact: file, sha256: sha256Of(file), export: "trainer" },
      { type: "job.started", jobId: "long" },
      // No signal handlers are installed, so no Ctrl-C: the reason is the abort itself.
      { type: "cancel.requested", reason: "abort", jobId: "long", timeoutMs: 10_000 },
      { type: "job.finished", jobId: "long", status: "cancelled", exitCode: 1, cancelled: true, result: { job: { id: "long", status: "cancelled" } } },
      { type: "end", exitCode: 1 },
    ]);
  });

  it("installs no process signal handlers unless asked", async () => {
    const file = writeModule("long2.mjs", LONG_JOB);
    const before = { int: process.listenerCount("SIGINT"), term: process.listenerCount("SIGTERM") };
    const seen: number[] = [];
    for (const handleSignals of [false, true]) {
      const controller = new AbortController();
      onRunning(() => {
        seen.push(process.listenerCount("SIGINT") - before.int, process.listenerCount("SIGTERM") - before.term);
        controller.abort();
      });
      await runTrainer(file, { signal: controller.signal, handleSignals });
    }
    expect(seen).toEqual([0, 0, 1, 1]);
    // ...and removes the ones it installed when the run ends.
    expect(process.listenerCount("SIGINT")).toBe(before.int);
  });

  it("a signal aborted before the run rejects as cancelled without starting the job", async () => {
    const file = writeModule("never.mjs", 'export const trainer = { start: async () => { throw new Error("must not start"); }, wait: async () => ({}) };');
    await expect(runTrainer(file, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: "CANCELLED", exitCode: 1 });
  });
});
