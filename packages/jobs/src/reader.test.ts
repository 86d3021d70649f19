import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JOB_RECORD_SCHEMA_VERSION, type JobBackend, type JobRecord, type JobState } from "@arkor/core";
import { afterEach, describe, expect, it } from "vitest";
import { currentRecord, findRecord, lastProgress } from "./reader.js";
import { jobDir, readRecord, writeRecord } from "./store.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A store holding one record whose arkor process (pid 2^22, never alive) is gone. */
function orphan(fields: Partial<JobRecord> = {}): { cwd: string; record: JobRecord } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-reader-"));
  dirs.push(cwd);
  const record: JobRecord = {
    schemaVersion: JOB_RECORD_SCHEMA_VERSION,
    id: "20261206-100206-k3x9",
    artifact: ".arkor/build/index.mjs",
    sha256: "",
    status: "running",
    createdAt: new Date().toISOString(),
    owner: { pid: 2 ** 22 + 1, host: os.hostname() },
    ...fields,
  };
  mkdirSync(jobDir(cwd, record.id), { recursive: true });
  writeRecord(jobDir(cwd, record.id), record);
  return { cwd, record };
}

const backendSaying = (state: JobState): JobBackend => ({ name: "fake", submit: async () => ({ id: "1", dir: "" }), status: async () => state, cancel: async () => {} });

describe("settling a record whose arkor process is gone", () => {
  it("takes how the job ended from its backend, and writes it back", async () => {
    const { cwd, record } = orphan({ backend: "fake", handle: { id: "1", dir: "" } });
    const settled = await currentRecord(cwd, record, async () => backendSaying({ state: "ended", status: "timeout", message: "hit its time limit" }));
    expect(settled).toMatchObject({ status: "timeout", exitCode: 1, message: "hit its time limit" });
    expect(readRecord(jobDir(cwd, record.id))).toMatchObject({ status: "timeout" });
  });

  it("follows a queued job that began running, and leaves a running one as it is", async () => {
    const { cwd, record } = orphan({ status: "queued", backend: "fake", handle: { id: "1", dir: "" } });
    expect((await currentRecord(cwd, record, async () => backendSaying({ state: "running" }))).status).toBe("running");
  });

  it("takes a job nothing but its arkor process ran (a hand-written trainer) for lost", async () => {
    const { cwd, record } = orphan();
    expect(await currentRecord(cwd, record, async () => undefined)).toMatchObject({
      status: "lost",
      message: `the arkor process that ran it (pid ${2 ** 22 + 1}) is gone, and recorded no end`,
    });
  });

  it("leaves a record alone when its backend cannot be loaded here", async () => {
    const { cwd, record } = orphan({ backend: "k8s", handle: { id: "1", dir: "" } });
    expect(await currentRecord(cwd, record, async () => undefined)).toEqual(record);
  });
});

describe("finding a job", () => {
  it("by its id, as latest, or by the id its trainer returned; a path is no id", () => {
    const { cwd, record } = orphan({ jobId: "job-1" });
    expect(findRecord(cwd, record.id).id).toBe(record.id);
    expect(findRecord(cwd, "latest").id).toBe(record.id);
    expect(findRecord(cwd, "job-1").id).toBe(record.id);
    expect(() => findRecord(cwd, "../20261206-100206-k3x9")).toThrow(/^No job \.\.\/20261206-100206-k3x9 in \.arkor\/jobs\./);
    expect(lastProgress(cwd, record.id)).toBeUndefined();
  });
});
