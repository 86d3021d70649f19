import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { createProject, moduleTrace } from "../../../../scripts/test-utils/index.js";

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
    expect(loaded).toContain("/packages/cli/dist/index.js");
    expect(loaded).not.toMatch(/studio/);
  });
});
