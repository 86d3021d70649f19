import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { JobRecord } from "@arkor/core";
import { currentOwner, jobDir, writeRecord } from "@arkor/jobs";
import { afterEach, describe, expect, it } from "vitest";
import type { JobStreamMessage } from "./jobRoutes.js";
import type { JobsChange } from "./jobsFeed.js";
import { startStudio } from "./studio.js";

const FAKE_ARKOR = fileURLToPath(new URL("../test/fake-arkor.mjs", import.meta.url));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function studioWith(records: JobRecord[], fake: Record<string, unknown> = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-studio-jobs-"));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  writeFileSync(path.join(cwd, "fake.json"), JSON.stringify(fake));
  for (const record of records) save(cwd, record);
  const studio = await startStudio({ cwd, port: 0, arkor: [process.execPath, FAKE_ARKOR], watch: false });
  cleanups.push(() => studio.close());
  const url = new URL(studio.url);
  const cookie = `arkor-studio-${studio.port}=${url.searchParams.get("token")}`;
  return { cwd, url, cookie, origin: url.origin };
}

function save(cwd: string, record: JobRecord): string {
  const dir = jobDir(cwd, record.id);
  mkdirSync(dir, { recursive: true });
  writeRecord(dir, record);
  return dir;
}

function record(id: string, fields: Partial<JobRecord> = {}): JobRecord {
  return {
    schemaVersion: 1,
    id,
    trainer: "t",
    artifact: ".arkor/build/index.mjs",
    sha256: "ab".repeat(32),
    status: "completed",
    exitCode: 0,
    createdAt: "2026-12-06T10:00:00.000Z",
    startedAt: "2026-12-06T10:00:00.000Z",
    endedAt: "2026-12-06T10:00:05.000Z",
    owner: currentOwner(),
    ...fields,
  };
}

function send(studio: { url: URL; cookie: string; origin: string }, route: string, method = "GET"): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie: studio.cookie, ...(method === "POST" && { origin: studio.origin, "content-type": "application/json" }) };
    const req = httpRequest(new URL(route, studio.url), { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, location: res.headers.location }));
    });
    req.on("error", reject);
    req.end();
  });
}

function post(studio: { url: URL; cookie: string; origin: string }, route: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(route, studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: studio.origin, "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * Reads a stream (SSE `data:` lines, or JSON lines) until `until` says enough;
 * `step` runs after each message, to change the store while it is read.
 */
function readStream<T>(studio: { url: URL; cookie: string }, route: string, until: (messages: T[]) => boolean, step: (messages: T[]) => void = () => {}): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${route}: timed out; seen ${JSON.stringify(seen).slice(0, 2000)}`)), 20_000);
    const seen: T[] = [];
    const req = httpRequest(new URL(route, studio.url), { headers: { cookie: studio.cookie } }, (res) => {
      let buffer = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) {
          const json = line.startsWith("data: ") ? line.slice(6) : line.startsWith("{") ? line : undefined;
          if (json === undefined) continue;
          seen.push(JSON.parse(json) as T);
          if (until(seen)) {
            clearTimeout(timer);
            req.destroy();
            resolve(seen);
            return;
          }
          step(seen);
        }
      });
      res.on("error", () => {});
    });
    req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    req.end();
  });
}

type ListMessage = JobsChange | { type: "jobs"; jobs: JobRecord[] };

describe("the Studio's jobs", () => {
  it("lists the store's jobs newest first, then each new job, change and removal as it happens", async () => {
    const studio = await studioWith([record("20261206-100000-aaaa"), record("20261206-110000-bbbb", { status: "failed", exitCode: 1 })]);
    let wrote = 0;
    const messages = await readStream<ListMessage>(
      studio,
      "/api/jobs",
      (seen) => seen.some((message) => message.type === "job.removed"),
      (seen) => {
        const last = seen.at(-1)!;
        // One change at a time, each once the page has seen the last.
        if (last.type === "jobs" && wrote === 0) {
          wrote++;
          save(studio.cwd, record("20261206-120000-cccc", { status: "running", endedAt: undefined, exitCode: undefined }));
        } else if (last.type === "job" && last.job.status === "running" && wrote === 1) {
          wrote++;
          save(studio.cwd, record("20261206-120000-cccc", { status: "completed" }));
        } else if (last.type === "job" && last.job.id === "20261206-120000-cccc" && last.job.status === "completed" && wrote === 2) {
          wrote++;
          rmSync(jobDir(studio.cwd, "20261206-100000-aaaa"), { recursive: true });
        }
      },
    );
    const first = messages[0] as { type: "jobs"; jobs: JobRecord[] };
    expect(first.jobs.map((job) => [job.id, job.status])).toEqual([
      ["20261206-110000-bbbb", "failed"],
      ["20261206-100000-aaaa", "completed"],
    ]);
    expect(messages.slice(1).map((message) => (message.type === "job" ? `${message.job.id} ${message.job.status}` : message.type === "job.removed" ? `job.removed ${message.id}` : message.type))).toEqual([
      "20261206-120000-cccc running",
      "20261206-120000-cccc completed",
      "job.removed 20261206-100000-aaaa",
    ]);
  });

  it("leaves out what is not a record of its folder, and keeps going: a copied job.json, one without an owner", async () => {
    const studio = await studioWith([record("20261206-100000-good")]);
    save(studio.cwd, record("20261206-100000-good"));
    // A folder holding another job's record, and a record missing its owner.
    const copy = jobDir(studio.cwd, "20261206-110000-copy");
    mkdirSync(copy, { recursive: true });
    writeFileSync(path.join(copy, "job.json"), JSON.stringify(record("20261206-100000-good")));
    const ownerless = jobDir(studio.cwd, "20261206-120000-nown");
    mkdirSync(ownerless, { recursive: true });
    writeFileSync(path.join(ownerless, "job.json"), JSON.stringify({ ...record("20261206-120000-nown", { status: "running" }), owner: undefined }));
    save(studio.cwd, record("20261206-130000-next"));
    const messages = await readStream<ListMessage>(studio, "/api/jobs", (seen) => seen.some((message) => message.type === "job" && message.job.id === "20261206-130000-next") || (seen[0]?.type === "jobs" && seen[0].jobs.some((job) => job.id === "20261206-130000-next")));
    const ids = messages.flatMap((message) => (message.type === "jobs" ? message.jobs.map((job) => job.id) : message.type === "job" ? [message.job.id] : []));
    expect(ids).toContain("20261206-100000-good");
    expect(ids).not.toContain("20261206-110000-copy");
    expect(await send(studio, "/api/jobs/20261206-110000-copy/series")).toMatchObject({ status: 404 });
  });

  it("shows a local job whose arkor process and process group are gone as lost, settled through its backend", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const pid = Number(gone.stdout);
    const dir = path.join(os.tmpdir(), "nowhere");
    const orphan = record("20261206-130000-dddd", {
      status: "running",
      exitCode: undefined,
      endedAt: undefined,
      backend: "local",
      backendId: String(pid),
      handle: { id: "20261206-130000-dddd", dir, pid, host: os.hostname() },
      owner: { pid, host: os.hostname() },
    });
    const studio = await studioWith([orphan]);
    const messages = await readStream<ListMessage>(studio, "/api/jobs", (seen) =>
      seen.some((message) => (message.type === "jobs" ? message.jobs : message.type === "job" ? [message.job] : []).some((job) => job.status === "lost")),
    );
    const lost = messages.flatMap((message) => (message.type === "jobs" ? message.jobs : message.type === "job" ? [message.job] : [])).find((job) => job.status === "lost")!;
    expect(lost).toMatchObject({ id: "20261206-130000-dddd", status: "lost", exitCode: 1 });
    // Written back, so arkor jobs agrees.
    expect(JSON.parse(readFileSync(path.join(jobDir(studio.cwd, lost.id), "job.json"), "utf8")).status).toBe("lost");
  });

  it("streams a command job's whole output from its own files when its arkor was killed: its logs by stream, each metric as columns, then complete", async () => {
    const studio = await studioWith([]);
    // An owner no process is (a start time none has): its arkor is gone, and recorded nothing of the output.
    const dir = save(studio.cwd, record("20261206-140000-eeee", { backend: "local", backendId: "1", command: ["python3", "train.py"], owner: { pid: process.pid, startTime: "1", host: os.hostname() } }));
    writeFileSync(path.join(dir, "stdout.log"), "epoch 1\nepoch 2\n");
    writeFileSync(path.join(dir, "stderr.log"), "warning: slow\n");
    writeFileSync(path.join(dir, "progress.ndjson"), ['{"step":1,"total":2,"metrics":{"loss":0.5}}', '{"step":2,"total":2,"metrics":{"loss":0.25,"acc":0.9}}', "{oops", '{"metrics":{"loss":0.2}}', ""].join("\n"));
    const messages = await readStream<JobStreamMessage>(studio, "/api/jobs/20261206-140000-eeee/stream", (seen) => seen.at(-1)?.type === "complete");
    expect(messages[0]).toMatchObject({ type: "start", job: { id: "20261206-140000-eeee", status: "completed" } });
    const outputs = messages.flatMap((message) => (message.type === "output" ? [message.output] : []));
    expect(outputs.flatMap((output) => output.logs).sort()).toEqual([
      ["stderr", "warning: slow\n"],
      ["stdout", "epoch 1\nepoch 2\n"],
    ]);
    const merged = outputs.reduce<Record<string, { steps: number[]; values: number[] }>>((all, output) => {
      for (const [name, line] of Object.entries(output.metrics)) {
        all[name] ??= { steps: [], values: [] };
        all[name].steps.push(...line.steps);
        all[name].values.push(...line.values);
      }
      return all;
    }, {});
    // A report without a step is the next one: the third report.
    expect(merged).toEqual({ loss: { steps: [1, 2, 3], values: [0.5, 0.25, 0.2] }, acc: { steps: [2], values: [0.9] } });
    expect(outputs.flatMap((output) => output.warnings)).toEqual([expect.stringMatching(/^Skipped line 3 of the progress file: it is not JSON/)]);
    expect(messages.at(-1)).toEqual({ type: "complete" });
  });

  it("sends a long log whole to a page that reads it slowly: complete comes after the last byte, not in the middle", async () => {
    const studio = await studioWith([]);
    const dir = save(studio.cwd, record("20261206-140000-ffff", { backend: "local", backendId: "1", command: ["python3", "train.py"], owner: { pid: process.pid, startTime: "1", host: os.hostname() } }));
    // Several of the 1 MB pieces the server reads at a time, so the page falls behind between them.
    const log = Array.from({ length: 120_000 }, (_, i) => `step ${i + 1}: loss=${(1 / (i + 1)).toFixed(6)}\n`).join("");
    writeFileSync(path.join(dir, "stdout.log"), log);
    const stdout = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(new URL("/api/jobs/20261206-140000-ffff/stream", studio.url), { headers: { cookie: studio.cookie } }, (res) => {
        let buffer = "";
        let text = "";
        // A page busy drawing: it takes each piece, then looks away for a while.
        res.setEncoding("utf8").on("data", (chunk: string) => {
          res.pause();
          setTimeout(() => res.resume(), 40);
          buffer += chunk;
          const lines = buffer.split("\n");
          buffer = lines.pop()!;
          for (const line of lines.filter(Boolean)) {
            const message = JSON.parse(line) as JobStreamMessage;
            if (message.type === "output") text += message.output.logs.map(([, piece]) => piece).join("");
            if (message.type === "complete") {
              req.destroy();
              resolve(text);
            }
          }
        });
      });
      req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
      req.end();
    });
    expect(stdout.length).toBe(log.length);
    expect(stdout.endsWith("step 120000: loss=0.000008\n")).toBe(true);
  });

  it("shows a command job's stdout and stderr in the order they came, from the run's events, when its arkor recorded them all", async () => {
    const studio = await studioWith([]);
    const dir = save(studio.cwd, record("20261206-145000-ordr", { backend: "local", backendId: "1", command: ["python3", "train.py"] }));
    // The files alone cannot say how the two streams interleaved.
    writeFileSync(path.join(dir, "stdout.log"), "one\nthree\n");
    writeFileSync(path.join(dir, "stderr.log"), "two\n");
    const events = [
      { type: "log", stream: "stdout", text: "one\n" },
      { type: "log", stream: "stderr", text: "two\n" },
      { type: "log", stream: "stdout", text: "three\n" },
      { type: "job.finished", jobId: "x", status: "completed", exitCode: 0, cancelled: false },
    ];
    writeFileSync(path.join(dir, "events.ndjson"), events.map((event, seq) => `${JSON.stringify({ v: 1, seq, time: 0, ...event })}\n`).join(""));
    // Its arkor is gone, but followed the job to its end.
    save(studio.cwd, record("20261206-145000-ordr", { backend: "local", backendId: "1", command: ["python3", "train.py"], owner: { pid: process.pid, startTime: "1", host: os.hostname() } }));
    const messages = await readStream<JobStreamMessage>(studio, "/api/jobs/20261206-145000-ordr/stream", (seen) => seen.at(-1)?.type === "complete");
    expect(messages.flatMap((message) => (message.type === "output" ? message.output.logs : []))).toEqual([
      ["stdout", "one\n"],
      ["stderr", "two\n"],
      ["stdout", "three\n"],
    ]);
  });

  it("follows a running job: what it writes next arrives, and complete once its record says it ended", async () => {
    const studio = await studioWith([]);
    const running = record("20261206-150000-ffff", { status: "running", endedAt: undefined, exitCode: undefined });
    const dir = save(studio.cwd, running);
    const event = (body: object) => appendFileSync(path.join(dir, "events.ndjson"), `${JSON.stringify({ v: 1, seq: 0, time: 0, ...body })}\n`);
    event({ type: "log", stream: "stdout", text: "first\n" });
    let step = 0;
    const messages = await readStream<JobStreamMessage>(
      studio,
      "/api/jobs/20261206-150000-ffff/stream",
      (seen) => seen.at(-1)?.type === "complete",
      (seen) => {
        const logs = seen.flatMap((message) => (message.type === "output" ? message.output.logs.map(([, text]) => text) : [])).join("");
        if (logs === "first\n" && step === 0) {
          step++;
          event({ type: "log", stream: "stderr", text: "second\n" });
          event({ type: "job.progress", step: 7, metrics: { loss: 3 } });
        } else if (logs === "first\nsecond\n" && step === 1) {
          step++;
          writeRecord(dir, { ...running, status: "completed", exitCode: 0, endedAt: "2026-12-06T15:00:09.000Z" });
        }
      },
    );
    const types = messages.map((message) => message.type);
    expect(types[0]).toBe("start");
    expect(types.slice(-2)).toEqual(["job", "complete"]);
    expect(messages.at(-2)).toMatchObject({ type: "job", job: { status: "completed", exitCode: 0 } });
    const outputs = messages.flatMap((message) => (message.type === "output" ? [message.output] : []));
    expect(outputs.flatMap((output) => output.logs)).toEqual([
      ["stdout", "first\n"],
      ["stderr", "second\n"],
    ]);
    expect(outputs.map((output) => output.metrics.loss).filter(Boolean)).toEqual([{ steps: [7], values: [3] }]);
  });

  it("ends a job's stream when the job is pruned while its page reads it", async () => {
    const studio = await studioWith([]);
    const dir = save(studio.cwd, record("20261206-200000-kkkk", { status: "running", endedAt: undefined, exitCode: undefined }));
    writeFileSync(path.join(dir, "events.ndjson"), `${JSON.stringify({ v: 1, seq: 0, time: 0, type: "log", stream: "stdout", text: "hi\n" })}\n`);
    const ended = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const req = httpRequest(new URL("/api/jobs/20261206-200000-kkkk/stream", studio.url), { headers: { cookie: studio.cookie } }, (res) => {
        res.setEncoding("utf8").on("data", (chunk: string) => {
          for (const line of chunk.split("\n").filter(Boolean)) seen.push((JSON.parse(line) as JobStreamMessage).type);
          if (seen.includes("output") && !seen.includes("pruned")) {
            seen.push("pruned");
            rmSync(dir, { recursive: true });
          }
        });
        res.on("end", () => resolve(seen));
      });
      req.on("error", reject).end();
    });
    expect(ended).toEqual(["start", "output", "pruned"]);
  });

  it("refuses a job id that is not a plain name from the store, on every route, and says when there is no such job", async () => {
    const studio = await studioWith([record("20261206-160000-gggg")]);
    const refusal = JSON.stringify({
      error: 'Not a job id: "../../etc". A job id is the name of a folder in .arkor/jobs, such as 20261206-100206-k3x9; arkor jobs lists them.',
    });
    for (const route of ["/api/jobs/..%2F..%2Fetc/stream", "/api/jobs/..%2F..%2Fetc/series", "/jobs/..%2F..%2Fetc", "/jobs/%2E%2E%2F%2E%2E%2Fetc"]) {
      expect(await send(studio, route)).toMatchObject({ status: 400, body: refusal });
    }
    expect(await post(studio, "/api/jobs/..%2F..%2Fetc/cancel")).toEqual({ status: 400, body: refusal });
    // A path that reaches the server with its dots (a client that does not fold them) is folded there, to no route at all.
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: studio.url.hostname, port: studio.url.port, path: "/api/jobs/../../etc/passwd/stream", headers: { cookie: studio.cookie } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject).end();
    });
    expect(raw).toEqual({ status: 404, body: JSON.stringify({ error: "No such page: GET /etc/passwd/stream" }) });
    expect(await send(studio, "/api/jobs/20991231-000000-none/series")).toMatchObject({
      status: 404,
      body: JSON.stringify({ error: "No job 20991231-000000-none in .arkor/jobs: it was never recorded here, or was pruned. arkor jobs lists the jobs there are." }),
    });
    // A bookmarked page of a job that is gone is the page, which says so; the page of a real job is the page.
    expect(await send(studio, "/jobs/20991231-000000-none")).toMatchObject({ status: 404, body: expect.stringContaining("<title>arkor Studio</title>") });
    expect(await send(studio, "/jobs/20261206-160000-gggg")).toMatchObject({ status: 200, body: expect.stringContaining("<title>arkor Studio</title>") });
  });

  it("answers a job's series: the job, and each metric it reported over steps", async () => {
    const studio = await studioWith([]);
    const dir = save(studio.cwd, record("20261206-170000-hhhh", { backend: "local", backendId: "1", command: ["x"] }));
    writeFileSync(path.join(dir, "progress.ndjson"), '{"step":10,"metrics":{"loss":2}}\n{"step":20,"metrics":{"loss":1}}\n');
    const answer = await send(studio, "/api/jobs/20261206-170000-hhhh/series");
    expect(answer.status).toBe(200);
    const series = JSON.parse(answer.body) as { job: JobRecord; metrics: unknown; reports: number };
    expect([series.job.id, series.metrics, series.reports]).toEqual(["20261206-170000-hhhh", { loss: { steps: [10, 20], values: [2, 1] } }, 2]);
  });

  it("cancels through arkor jobs cancel <id>, and answers how the job ended, or arkor's refusal", async () => {
    const studio = await studioWith([record("20261206-180000-iiii", { status: "running", endedAt: undefined })]);
    expect(await post(studio, "/api/jobs/20261206-180000-iiii/cancel")).toEqual({ status: 200, body: JSON.stringify({ status: "cancelled" }) });
    expect(JSON.parse(readFileSync(path.join(studio.cwd, "args-jobs.json"), "utf8"))).toEqual(["jobs", "cancel", "20261206-180000-iiii", "--json", "--cwd", studio.cwd]);

    writeFileSync(path.join(studio.cwd, "fake.json"), JSON.stringify({ cancelFails: true }));
    expect(await post(studio, "/api/jobs/20261206-180000-iiii/cancel")).toEqual({
      status: 409,
      body: JSON.stringify({ error: "Job x cannot be stopped from here: its backend echo is not available. Stop it where it runs." }),
    });
  });

  it("runs on the backend the page chose, refuses one it does not offer, and remembers the choice", async () => {
    const studio = await studioWith([]);
    const offered = JSON.parse((await send(studio, "/api/backends")).body) as { backends: { name: string; usable: boolean }[]; last: string };
    expect(offered.backends.map((backend) => backend.name)).toEqual(["default", "local", "slurm"]);
    expect(offered.last).toBe("default");
    expect(await post(studio, "/api/run", { backend: "kubernetes" })).toEqual({
      status: 400,
      body: JSON.stringify({ error: 'No backend named "kubernetes" here. Choose one of: default, local, slurm.' }),
    });
    expect(await post(studio, "/api/run", { backend: 7 })).toEqual({ status: 400, body: JSON.stringify({ error: 'The backend must be a name, such as "local"; got 7.' }) });
    const notJson = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(new URL("/api/run", studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: studio.origin } }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", reject).end("backend=local");
    });
    expect(notJson).toEqual({ status: 400, body: JSON.stringify({ error: 'The request\'s body is not a JSON object. Send one such as {"backend":"local"}.' }) });
    expect((await post(studio, "/api/run", { backend: "local" })).status).toBe(202);
    for (let tries = 0; tries < 100 && !readable(path.join(studio.cwd, "args-start.json")); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(readFileSync(path.join(studio.cwd, "args-start.json"), "utf8"))).toEqual(["start", "--backend", "local", "--json", "--cwd", studio.cwd]);
    expect(JSON.parse((await send(studio, "/api/backends")).body).last).toBe("local");
    expect(JSON.parse(readFileSync(path.join(studio.cwd, ".arkor/studio.json"), "utf8"))).toEqual({ backend: "local" });
  });

  it("guards every new route as the old ones: no token 401, a foreign Host 421, a POST from a foreign Origin 403", async () => {
    const studio = await studioWith([record("20261206-190000-jjjj", { status: "running", endedAt: undefined })]);
    const raw = (route: string, method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(new URL(route, studio.url), { method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        req.end();
      });
    const routes = ["/api/jobs", "/api/jobs/20261206-190000-jjjj/stream", "/api/jobs/20261206-190000-jjjj/series", "/jobs/20261206-190000-jjjj", "/compare", "/api/backends", "/api/project"];
    for (const route of routes) {
      expect([route, await raw(route, "GET", {})]).toEqual([route, 401]);
      expect([route, await raw(route, "GET", { cookie: studio.cookie, host: `rebound.example:${studio.url.port}` })]).toEqual([route, 421]);
    }
    // A browser opening a bookmark without the session's token gets a page saying what to do, still a 401.
    const page = await new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
      const req = httpRequest(new URL("/jobs/20261206-190000-jjjj", studio.url), { headers: { accept: "text/html,application/xhtml+xml" } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body }));
      });
      req.on("error", reject).end();
    });
    expect([page.status, page.type]).toEqual([401, "text/html; charset=utf-8"]);
    expect(page.body).toContain("arkor Studio: this session needs its token");
    expect(page.body).toContain("Missing or wrong token. Open the URL with ?token= that arkor dev printed.");
    expect(await raw("/api/jobs/20261206-190000-jjjj/cancel", "POST", { cookie: studio.cookie, origin: "http://evil.example" })).toBe(403);
    expect(await raw("/api/jobs/20261206-190000-jjjj/cancel", "POST", { cookie: studio.cookie })).toBe(403);
    // Nothing was cancelled: no arkor jobs cancel ran.
    expect(() => readFileSync(path.join(studio.cwd, "args-jobs.json"))).toThrow();
  });

  it("keeps the rest of the address when the token moves into the cookie", async () => {
    const studio = await studioWith([]);
    const answer = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      httpRequest(new URL(`/compare?jobs=a,b&metric=loss&token=${studio.url.searchParams.get("token")}`, studio.url), (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      })
        .on("error", reject)
        .end();
    });
    expect(answer).toEqual({ status: 303, location: "/compare?jobs=a%2Cb&metric=loss" });
  });
});

function readable(file: string): boolean {
  try {
    JSON.parse(readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}
