import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { StudioMessage } from "./eventLog.js";
import { startStudio } from "./studio.js";

const FAKE_ARKOR = fileURLToPath(new URL("../test/fake-arkor.mjs", import.meta.url));

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function studioFor(fake: { long?: boolean; watchFails?: boolean; inspectFails?: boolean; inspectHangs?: boolean } = {}, options: { port?: number } = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "arkor-studio-"));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  writeFileSync(path.join(cwd, "package.json"), JSON.stringify({ name: "fake-project" }));
  writeFileSync(path.join(cwd, "fake.json"), JSON.stringify(fake));
  const studio = await startStudio({ cwd, port: options.port ?? 0, arkor: [process.execPath, FAKE_ARKOR] });
  cleanups.push(() => studio.close());
  const url = new URL(studio.url);
  const token = url.searchParams.get("token")!;
  const host = url.host;
  const cookie = `arkor-studio-${studio.port}=${token}`;
  const origin = `http://${host}`;
  return { cwd, studio, token, host, cookie, origin, url };
}

function send(url: URL | string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Reads the SSE stream until `until` says enough, and returns the ids and messages seen. */
function readEvents(
  studio: { url: URL; cookie: string },
  until: (messages: StudioMessage[]) => boolean,
  lastEventId?: number,
): Promise<{ id: number; message: StudioMessage }[]> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { cookie: studio.cookie };
    if (lastEventId !== undefined) headers["last-event-id"] = String(lastEventId);
    const req = httpRequest(new URL("/api/events", studio.url), { headers }, (res) => {
      const seen: { id: number; message: StudioMessage }[] = [];
      let buffer = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(block);
          const data = /^data: (.*)$/m.exec(block);
          if (id && data) seen.push({ id: Number(id[1]), message: JSON.parse(data[1]!) });
        }
        if (until(seen.map((entry) => entry.message))) {
          req.destroy();
          resolve(seen);
        }
      });
      res.on("error", () => {});
    });
    req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    req.end();
  });
}

const runExited = (runId: string) => (messages: StudioMessage[]) => messages.some((message) => message.type === "run.exit" && message.runId === runId);

/** Resolves once `check` holds, polling; fails the test after 10 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the Studio's server", () => {
  it("relays a run's events, raw lines and all, then its exit, and replays from Last-Event-ID", async () => {
    const studio = await studioFor();
    const started = await send(new URL("/api/run", studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: studio.origin } });
    expect([started.status, JSON.parse(started.body)]).toEqual([202, { runId: "run-1" }]);

    const seen = await readEvents(studio, runExited("run-1"));
    const run = seen.filter(({ message }) => message.type.startsWith("run."));
    expect(run.map(({ message }) => (message.type === "run.event" ? message.event.type : message.type))).toEqual([
      "run.created",
      "run.start",
      "job.started",
      "job.progress",
      "job.progress",
      "job.progress",
      "log",
      "log",
      "job.finished",
      "end",
      "run.exit",
    ]);
    const logs = run.flatMap(({ message }) => (message.type === "run.event" && message.event.type === "log" ? [message.event.text] : []));
    expect(logs).toEqual(["raw output of a grandchild\n", "split line\n"]);
    expect(run.at(-1)!.message).toMatchObject({ type: "run.exit", runId: "run-1", exitCode: 0, signal: null });
    expect(seen[0]!.message).toEqual({ type: "project", cwd: studio.cwd, name: "fake-project" });
    // The ids are the server's own sequence, with no gaps.
    expect(seen.map(({ id }) => id)).toEqual(seen.map((_, index) => index + 1));

    // A page that had seen up to the job's start gets exactly the rest.
    const jobStarted = seen.find(({ message }) => message.type === "run.event" && message.event.type === "job.started")!;
    const replayed = await readEvents(studio, runExited("run-1"), jobStarted.id);
    expect(replayed[0]!.id).toBe(jobStarted.id + 1);
    expect(replayed.filter(({ message }) => message.type.startsWith("run.")).map(({ id }) => id)).toEqual(
      run.filter(({ id }) => id > jobStarted.id).map(({ id }) => id),
    );
  });

  it("refuses a second run while one is going, and stops it with SIGTERM so its cancel() runs", async () => {
    const studio = await studioFor({ long: true });
    const post = (route: string) => send(new URL(route, studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: studio.origin } });
    expect((await post("/api/run")).status).toBe(202);
    await readEvents(studio, (messages) => messages.some((message) => message.type === "run.event" && message.event.type === "log" && message.event.text === "split line\n"));

    const second = await post("/api/run");
    expect([second.status, JSON.parse(second.body)]).toEqual([
      409,
      { error: "The trainer is already running (run-1). Stop it, or wait for it to finish, before starting another run." },
    ]);

    expect((await post("/api/stop")).status).toBe(202);
    const seen = await readEvents(studio, runExited("run-1"));
    const events = seen.flatMap(({ message }) => (message.type === "run.event" ? [message.event] : []));
    expect(events.find((event) => event.type === "job.finished")).toMatchObject({ status: "cancelled", cancelled: true });
    expect(seen.at(-1)!.message).toMatchObject({ type: "run.exit", exitCode: 143 });
    expect(readFileSync(path.join(studio.cwd, "cancelled"), "utf8")).toBe("SIGTERM");

    // Once it has ended, Stop has nothing to stop and Run starts the next.
    expect([(await post("/api/stop")).status, (await post("/api/run")).status]).toEqual([409, 202]);
  });

  it("on close, cancels the running job and the watcher and leaves no child behind", async () => {
    const studio = await studioFor({ long: true });
    await send(new URL("/api/run", studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: studio.origin } });
    await readEvents(studio, (messages) => messages.some((message) => message.type === "run.event" && message.event.type === "job.started"));
    await readEvents(studio, (messages) => messages.some((message) => message.type === "build" && message.event.type === "watch.ready"));

    await studio.studio.close();
    const pids = readdirSync(path.join(studio.cwd, "pids"));
    expect(pids.some((name) => name.startsWith("start-"))).toBe(true);
    expect(pids.some((name) => name.startsWith("build-"))).toBe(true);
    expect(pids.filter((name) => alive(Number(name.split("-")[1])))).toEqual([]);
    expect(readFileSync(path.join(studio.cwd, "cancelled"), "utf8")).toBe("SIGTERM");
    await expect(send(studio.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("on close during a manifest read, starts no other arkor process after it", async () => {
    const studio = await studioFor({ inspectHangs: true });
    const inspecting = () => readdirSync(path.join(studio.cwd, "pids")).filter((name) => name.startsWith("manifest-"));
    // The watcher's first build asks for the manifest; the inspect then hangs until it is stopped.
    await until(() => existsSync(path.join(studio.cwd, "pids")) && inspecting().length > 0);

    await studio.studio.close();
    // Long enough for a stray `arkor manifest` (without --inspect) to have started and said so.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(inspecting()).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(studio.cwd, "args-manifest.json"), "utf8"))).toContain("--inspect");
  });

  it("feeds build results and the manifest from the watcher to the page", async () => {
    const studio = await studioFor();
    const typeOf = (message: StudioMessage) => (message.type === "build" ? `build:${message.event.type}` : message.type);
    // The manifest is read when the page connects, and again after each build.
    const seen = await readEvents(studio, (messages) => {
      const types = messages.map(typeOf);
      return types.includes("build:build.end") && types.lastIndexOf("manifest") > types.indexOf("build:build.end");
    });
    const types = seen.map(({ message }) => typeOf(message));
    expect(types.filter((type) => type.startsWith("build:"))).toEqual(["build:build.start", "build:build.end", "build:watch.ready"]);
    expect(seen.filter(({ message }) => message.type === "manifest").at(-1)!.message).toMatchObject({ event: { type: "manifest", manifest: null, stale: false } });
  });

  it("tells the page, in one line, when the watcher stops on its own", async () => {
    const studio = await studioFor({ watchFails: true });
    const seen = await readEvents(studio, (messages) => messages.some((message) => message.type === "studio.error"));
    expect(seen.find(({ message }) => message.type === "studio.error")!.message).toEqual({
      type: "studio.error",
      source: "watch",
      message: "arkor build --watch stopped (exit 1): arkor.config.ts failed to load: boom. Fix the config. Restart arkor dev to watch again.",
    });
  });

  it("shows the plain manifest, and why, when --inspect cannot load the trainer", async () => {
    const studio = await studioFor({ inspectFails: true });
    const seen = await readEvents(studio, (messages) => messages.some((message) => message.type === "studio.error"));
    const messages = seen.map(({ message }) => message).filter((message) => message.type === "manifest" || message.type === "studio.error");
    expect(messages[0]).toMatchObject({ type: "manifest", event: { manifest: null, stale: false } });
    expect(messages[1]).toEqual({ type: "studio.error", source: "manifest", message: "No trainer found in .arkor/build/index.mjs. Export one." });
  });

  it("moves the printed URL's token into an HttpOnly cookie, and serves the page with it", async () => {
    const studio = await studioFor();
    const first = await send(studio.url);
    expect([first.status, first.headers.location]).toEqual([303, "/"]);
    expect(first.headers["set-cookie"]).toEqual([`${studio.cookie}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await send(new URL("/", studio.url), { headers: { cookie: studio.cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/app.js"></script>');
  });

  it("refuses a request without the token, with a foreign Host, or a POST from a foreign Origin", async () => {
    const studio = await studioFor();
    const bare = new URL("/", studio.url);
    expect(await send(bare)).toMatchObject({ status: 401, body: JSON.stringify({ error: "Missing or wrong token. Open the URL with ?token= that arkor dev printed." }) });
    expect(await send(studio.url, { headers: { host: `rebound.example:${studio.studio.port}` } })).toMatchObject({ status: 421 });
    const foreign = await send(new URL("/api/run", studio.url), { method: "POST", headers: { cookie: studio.cookie, origin: "http://evil.example" } });
    expect(foreign.status).toBe(403);
    // No run was started by the refused POST.
    expect(existsSync(path.join(studio.cwd, "pids")) && readdirSync(path.join(studio.cwd, "pids")).some((name) => name.startsWith("start-"))).toBe(false);
  });

  it("takes a free port when the asked-for one is taken, and says which it wanted", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = (blocker.address() as AddressInfo).port;
    const { studio } = await studioFor({}, { port: taken });
    expect(studio.portTaken).toBe(taken);
    expect(studio.port).not.toBe(taken);
    expect(studio.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${studio.port}/\\?token=[\\w-]{32}$`));
  });
});

