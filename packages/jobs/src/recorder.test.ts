import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmitter, type JobRecord } from "@arkor/core";
import { afterEach, describe, expect, it } from "vitest";
import { recordJob } from "./recorder.js";
import { claimJobDir, listRecords, newJobId, storeDir } from "./store.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-store-"));
  dirs.push(dir);
  return dir;
}

const runStart = (cwd: string) => ({ type: "run.start" as const, artifact: path.join(cwd, ".arkor/build/index.mjs"), sha256: "ab", export: "arkor" as const, name: "t" });

describe("recordJob", () => {
  it("records a run from its events: every event in events.ndjson, job.json at each change", () => {
    const cwd = project();
    const emitter = createEmitter();
    const recorder = recordJob({ cwd, emitter });
    emitter.emit({ type: "build.start" });
    expect(readdirSync(cwd)).toEqual([]);
    recorder.update({ entry: "src/arkor/index.ts" });
    emitter.emit(runStart(cwd));
    const { id, dir } = recorder.claim();
    const record = () => JSON.parse(readFileSync(path.join(dir, "job.json"), "utf8")) as JobRecord;
    expect(record()).toMatchObject({ schemaVersion: 1, id, trainer: "t", export: "arkor", entry: "src/arkor/index.ts", artifact: ".arkor/build/index.mjs", status: "starting", owner: { pid: process.pid } });
    emitter.emit({ type: "job.started", jobId: "j-1" });
    expect(record()).toMatchObject({ jobId: "j-1", status: "running" });
    emitter.emit({ type: "job.progress", jobId: "j-1", step: 1 });
    emitter.emit({ type: "job.finished", jobId: "j-1", status: "failed", exitCode: 1, cancelled: false, message: "x exited with code 3" });
    emitter.emit({ type: "end", exitCode: 1 });
    expect(record()).toMatchObject({ status: "failed", exitCode: 1, message: "x exited with code 3" });
    expect(record().endedAt).toBeDefined();
    const events = readFileSync(path.join(dir, "events.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type: string; seq: number });
    expect(events.map((event) => event.type)).toEqual(["build.start", "run.start", "job.started", "job.progress", "job.finished", "end"]);
    expect(events.map((event) => event.seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("makes no record of a run that ends before it has a trainer (a build error)", () => {
    const cwd = project();
    const emitter = createEmitter();
    recordJob({ cwd, emitter });
    emitter.emit({ type: "build.start" });
    emitter.emit({ type: "error", code: "BUILD_FAILED", message: "Build failed." });
    emitter.emit({ type: "end", exitCode: 1 });
    expect(listRecords(cwd)).toEqual([]);
  });

  it("ends a record that had no job.finished as failed (cancelled, for a cancel), with the error", () => {
    const cwd = project();
    for (const code of ["TRAINER_FAILED", "CANCELLED"]) {
      const emitter = createEmitter();
      recordJob({ cwd, emitter });
      emitter.emit(runStart(cwd));
      emitter.emit({ type: "error", code, message: `${code}!` });
      emitter.emit({ type: "end", exitCode: 130 });
    }
    expect(listRecords(cwd).map((record) => [record.status, record.message, record.exitCode]).sort()).toEqual([
      ["cancelled", "CANCELLED!", 130],
      ["failed", "TRAINER_FAILED!", 130],
    ]);
  });

  it("gives runs that start at once folders of their own, even when their trainers return the same job id", () => {
    const cwd = project();
    const emitters = Array.from({ length: 20 }, () => createEmitter());
    const recorders = emitters.map((emitter) => recordJob({ cwd, emitter }));
    for (const emitter of emitters) emitter.emit(runStart(cwd));
    for (const emitter of emitters) emitter.emit({ type: "job.started", jobId: "job-1" });
    const ids = new Set(recorders.map((recorder) => recorder.claim().id));
    expect(ids.size).toBe(20);
    expect(listRecords(cwd)).toHaveLength(20);
  });

  it("stops recording with one warning when the store cannot be written, and the run goes on", async () => {
    const cwd = project();
    writeFileSync(path.join(cwd, ".arkor"), "a file where the folder should be");
    const events: string[] = [];
    const emitter = createEmitter((event) => events.push(event.type === "warning" ? `warning ${event.code}` : event.type));
    recordJob({ cwd, emitter });
    emitter.emit(runStart(cwd));
    emitter.emit({ type: "job.started", jobId: "x" });
    await Promise.resolve();
    emitter.emit({ type: "end", exitCode: 0 });
    expect(events).toEqual(["run.start", "job.started", "warning JOB_STORE_UNWRITABLE", "end"]);
  });
});

describe("job ids", () => {
  it("sort as the runs began, and claiming never reuses a folder", () => {
    const earlier = newJobId(new Date("2026-12-06T10:02:06.998Z"));
    const later = newJobId(new Date("2026-12-06T10:02:06.999Z"));
    expect(earlier).toMatch(/^20261206-100206-[0-9a-z]{4}$/);
    expect(earlier < later).toBe(true);
    expect(newJobId(new Date("2026-12-06T10:02:06.000Z")) < newJobId(new Date("2026-12-06T10:02:06.001Z"))).toBe(true);
    expect(newJobId(new Date("2026-12-06T10:02:06.999Z")) < newJobId(new Date("2026-12-06T10:02:07.000Z"))).toBe(true);
    const cwd = project();
    mkdirSync(storeDir(cwd), { recursive: true });
    const claimed = new Set(Array.from({ length: 200 }, () => claimJobDir(cwd).id));
    expect(claimed.size).toBe(200);
  });
});
