import { existsSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject, moduleTrace } from "../../../../scripts/test-utils/index.js";
import { commandLine, descendants, processAlive } from "../../../../scripts/test-utils/jobs.js";

const PRINTED = /^arkor Studio: http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]{32}( \(port \d+ is taken; using \d+\))?\n$/;

describe("arkor dev", () => {
  it("prints one line with the URL, and exits 130 on Ctrl-C", async () => {
    const project = createProject("quickstart");
    const dev = project.spawnArkor(["dev", "--port", "0"]);
    await dev.waitFor("\n");
    expect(dev.output().stdout).toMatch(PRINTED);
    dev.child.kill("SIGINT");
    const result = await dev.exited;
    expect([result.code, result.stderr]).toEqual([130, ""]);
    expect(result.stdout).toMatch(PRINTED);
  });

  it("with --json begins with studio.ready, carrying the URL (with its token), host and port, and ends with end", async () => {
    const project = createProject("quickstart");
    const dev = project.spawnArkor(["dev", "--port", "0", "--json"]);
    await dev.waitFor("\n");
    const ready = JSON.parse(dev.output().stdout.split("\n")[0]!) as { type: string; url: string; host: string; port: number };
    expect(ready).toMatchObject({ v: 1, seq: 0, type: "studio.ready", host: "127.0.0.1" });
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}/?token=${new URL(ready.url).searchParams.get("token")}`);
    expect(new URL(ready.url).searchParams.get("token")).toMatch(/^[\w-]{32}$/);
    // The URL works as printed: the token becomes the session's cookie.
    const answer = await new Promise<{ status?: number; cookie?: string[] }>((resolve, reject) =>
      get(ready.url, (response) => {
        response.resume();
        resolve({ status: response.statusCode, cookie: response.headers["set-cookie"] });
      }).on("error", reject),
    );
    expect(answer.status).toBe(303);
    expect(answer.cookie?.[0]).toMatch(new RegExp(`^arkor-studio-${ready.port}=`));
    dev.child.kill("SIGTERM");
    const result = await dev.exited;
    const events = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { type: string; exitCode?: number });
    expect(events.map((event) => event.type)).toEqual(["studio.ready", "end"]);
    expect([result.code, events.at(-1)!.exitCode, result.stderr]).toEqual([143, 143, ""]);
  });

  it("killed with SIGKILL leaves no build --watch behind: the watcher sees its stdin close and exits", async () => {
    const project = createProject("quickstart");
    const dev = project.spawnArkor(["dev", "--port", "0"]);
    await dev.waitFor("\n");
    let watcher: number | undefined;
    for (let tries = 0; tries < 200 && watcher === undefined; tries++) {
      watcher = descendants(dev.child.pid!).find((pid) => commandLine(pid).includes("build --watch"));
      if (watcher === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(watcher).toBeDefined();
    // Idle after its first build: nothing it writes would tell it that its reader is gone.
    for (let tries = 0; tries < 400 && !existsSync(path.join(project.dir, ".arkor/build/manifest.json")); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    dev.child.kill("SIGKILL");
    await dev.exited;
    for (let tries = 0; tries < 200 && processAlive(watcher!); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(processAlive(watcher!) ? commandLine(watcher!) : "gone").toBe("gone");
  });

  it("picks a free port when the asked-for one is taken, and says so", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const project = createProject("quickstart");
      const dev = project.spawnArkor(["dev", "--port", String(taken)]);
      await dev.waitFor("\n");
      const [, port, note] = PRINTED.exec(dev.output().stdout)!;
      expect(note).toBe(` (port ${taken} is taken; using ${port})`);
      dev.child.kill("SIGTERM");
      expect((await dev.exited).code).toBe(143);
    } finally {
      blocker.close();
    }
  });

  it("refuses a port that is not a number, in one line", async () => {
    const project = createProject("quickstart");
    const result = await project.arkor(["dev", "--port", "web"]);
    expect([result.code, result.stdout, result.stderr]).toEqual([1, "", 'error: --port must be a port number from 0 to 65535, got "web". Example: --port 4321.\n']);
  });

  it("is documented in --help", async () => {
    const project = createProject("quickstart");
    const help = await project.arkor(["dev", "--help"]);
    expect(help.stdout).toContain("Open the Studio: a local web page to build, run, watch and stop the trainer");
    expect(help.stdout).toMatch(/--port <port> +The port to listen on \(default 4321; a free one if it is taken\)\n/);
    expect(help.stdout).toMatch(/--open +Open the page in the default browser\n/);
  });

  it("is not loaded by arkor build or arkor start", async () => {
    const project = createProject("quickstart");
    const trace = moduleTrace(project);
    const env = trace.env;
    expect((await project.arkor(["build"], { env })).code).toBe(0);
    expect((await project.arkor(["start"], { env })).code).toBe(0);
    const loaded = trace.loaded();
    // The CLI was loaded (both lines run from their build-time parse: preparsed.js), the Studio was not.
    expect(loaded).toContain("/packages/cli/dist/preparsed.js");
    expect(loaded).not.toMatch(/studio/);
  });
});

