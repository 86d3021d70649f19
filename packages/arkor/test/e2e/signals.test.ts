import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";

describe("arkor start: signals while the job runs", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s calls cancel() once, lets wait() settle, and exits %i", async (signal, code) => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start"]);
    await run.waitFor("training");
    run.child.kill(signal);
    const result = await run.exited;
    expect(result.stderr).toBe(`Cancelling job cooperative-job (${signal}); waiting up to 10s for it to stop. Press Ctrl-C again to exit now.\n`);
    expect(result.stdout.match(/cancel\(\) called/g)).toHaveLength(1);
    expect(result.stdout).toContain("Job cooperative-job finished with status=cancelled\n");
    expect(result.code).toBe(code);
  });

  it("gives up after the cancel timeout when the job does not stop", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/stubborn.ts", "--cancel-timeout", "0.5"]);
    await run.waitFor("training");
    run.child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.stderr).toContain("Job stubborn-job did not stop within 0.5s; exiting without waiting further.\n");
    expect(result.stdout).not.toContain("finished with status");
    expect(result.code).toBe(143);
  });

  it("takes the cancel timeout from ARKOR_CANCEL_TIMEOUT too, and works for a trainer without cancel()", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/no-cancel.ts"], { env: { ARKOR_CANCEL_TIMEOUT: "0.2" } });
    await run.waitFor("training");
    run.child.kill("SIGINT");
    const result = await run.exited;
    expect(result.stderr).toContain("Job no-cancel-job did not stop within 0.2s");
    expect(result.code).toBe(130);
  });

  it("honours a cancel timeout longer than a Node timer allows (3000000 s)", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/slow-stop.ts", "--cancel-timeout", "3000000"]);
    await run.waitFor("training");
    run.child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.stderr).toBe("Cancelling job slow-stop-job (SIGTERM); waiting up to 3000000s for it to stop. Press Ctrl-C again to exit now.\n");
    expect(result.stdout).toContain("Job slow-stop-job finished with status=cancelled\n");
    expect(result.code).toBe(143);
  });

  it("a cancel() that never settles does not outlast the timeout", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/cancel-hangs.ts", "--cancel-timeout", "0.5"]);
    await run.waitFor("training");
    run.child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.stdout).toContain("cancel() called\n");
    expect(result.stderr).toContain("Job cancel-hangs-job did not stop within 0.5s; exiting without waiting further.\n");
    expect(result.signal).toBeNull();
    expect(result.code).toBe(143);
  });

  it("a second signal exits at once", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/stubborn.ts"]); // would wait 10 s after the first
    await run.waitFor("training");
    run.child.kill("SIGTERM");
    await run.waitFor("Cancelling job stubborn-job");
    run.child.kill("SIGINT");
    const result = await run.exited;
    expect(result.stderr).toContain("Received SIGINT again; exiting now.\n");
    expect(result.stderr).not.toContain("did not stop within");
    expect(result.code).toBe(130);
  });

  it("a signal during the build stops it and leaves the previous artifact as it was", async () => {
    const project = createProject("reliability", {
      // A plugin whose resolveEntry takes its time, so the signal lands mid-build.
      "arkor.config.mjs": [
        "export default {",
        "  plugins: [{",
        '    name: "slow-resolver",',
        "    async resolveEntry() {",
        '      process.stderr.write("resolving\\n");',
        "      await new Promise((resolve) => setTimeout(resolve, 3000));",
        "      return null;",
        "    },",
        "  }],",
        "};",
      ].join("\n"),
    });
    const first = await project.arkor(["build"]);
    expect(first.code).toBe(0);
    const before = readFileSync(project.path(".arkor/build/index.mjs"));

    for (const [command, signal, code] of [
      [["build", "src/arkor/stubborn.ts"], "SIGINT", 130],
      [["start", "src/arkor/stubborn.ts"], "SIGTERM", 143],
    ] as const) {
      const run = project.spawnArkor([...command]);
      await run.waitFor("resolving");
      run.child.kill(signal);
      const result = await run.exited;
      expect(result.code).toBe(code);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(`resolving\nerror: Cancelled by ${signal}.\n`);
      expect(readFileSync(project.path(".arkor/build/index.mjs")).equals(before)).toBe(true);
    }
  });

  it("a signal while a slow config loads exits at once and leaves no temporary file", async () => {
    const project = createProject("reliability", {
      "arkor.config.ts": [
        'process.stderr.write("loading config\\n");',
        "await new Promise((resolve) => setTimeout(resolve, 5000));",
        "export default { plugins: [] };",
      ].join("\n"),
    });
    for (const [command, signal, code] of [
      ["build", "SIGINT", 130],
      ["start", "SIGTERM", 143],
    ] as const) {
      const run = project.spawnArkor([command]);
      await run.waitFor("loading config");
      run.child.kill(signal);
      const result = await run.exited;
      expect(result.stderr).toBe(`loading config\nerror: Cancelled by ${signal}.\n`);
      expect(result.code).toBe(code);
      expect(readdirSync(project.dir).filter((name) => name.includes(".tmp."))).toEqual([]);
    }
  });
});
