import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTrainer } from "./index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "arkor-runner-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Collects what the runner prints. */
function sink() {
  let text = "";
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

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
    globalThis.__onStart?.(); // the test acts once the job runs, not after a guessed delay
    return { jobId: "long" };
  },
  async wait() { return { job: { id: "long", status: await done } }; },
  async cancel() { globalThis.__cancels++; stop("cancelled"); },
};
`;

/** Runs `callback` when LONG_JOB's start() is called. */
function onStart(callback: () => void): void {
  (globalThis as { __onStart?: () => void }).__onStart = callback;
}

describe("runTrainer", () => {
  it("runs a module's trainer and reports the outcome", async () => {
    const file = writeModule("ok.mjs", 'export const trainer = { start: async () => ({ jobId: "j1" }), wait: async () => ({ job: { id: "j1", status: "completed" }, artifacts: [1] }) };');
    const stdout = sink();
    const outcome = await runTrainer(file, { stdout });
    expect(outcome).toEqual({ jobId: "j1", status: "completed", result: { job: { id: "j1", status: "completed" }, artifacts: [1] }, exitCode: 0, cancelled: false });
    expect(stdout.text()).toBe("Started job j1\nJob j1 finished with status=completed\n");
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
    const outcome = await runTrainer("rel.mjs", { cwd: dir, stdout: sink() });
    expect(outcome).toMatchObject({ jobId: "rel", status: "failed", exitCode: 1 });
  });

  it("an aborted signal cancels the job: cancel() once, wait() settles, exit code 1", async () => {
    const file = writeModule("long.mjs", LONG_JOB);
    const controller = new AbortController();
    const stdout = sink();
    const stderr = sink();
    onStart(() => controller.abort());
    const outcome = await runTrainer(file, { signal: controller.signal, stdout, stderr });
    expect(outcome).toMatchObject({ jobId: "long", status: "cancelled", exitCode: 1, cancelled: true });
    expect((globalThis as { __cancels?: number }).__cancels).toBe(1);
    expect(stderr.text()).toBe("Cancelling job long; waiting up to 10s for it to stop.\n");
    expect(stdout.text()).toBe("Started job long\nJob long finished with status=cancelled\n");
  });

  it("installs no process signal handlers unless asked", async () => {
    const file = writeModule("long2.mjs", LONG_JOB);
    const before = { int: process.listenerCount("SIGINT"), term: process.listenerCount("SIGTERM") };
    const seen: number[] = [];
    for (const handleSignals of [false, true]) {
      const controller = new AbortController();
      onStart(() => {
        seen.push(process.listenerCount("SIGINT") - before.int, process.listenerCount("SIGTERM") - before.term);
        controller.abort();
      });
      await runTrainer(file, { signal: controller.signal, handleSignals, stdout: sink(), stderr: sink() });
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
