import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, spawnNode } from "../../../../scripts/test-utils/index.js";

/** Runs an ES module script inside the project with the Node the suite targets. */
async function runScript(project: ReturnType<typeof createProject>, source: string) {
  project.write("script.mjs", source);
  return spawnNode(["script.mjs"], { cwd: project.dir }).exited;
}

/** The script's last stdout line, which it writes as JSON. */
function lastLine(stdout: string): { events: Array<{ type: string; seq: number; [field: string]: unknown }>; [key: string]: unknown } {
  return JSON.parse(stdout.trimEnd().split("\n").pop()!);
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

describe("the programmatic API from the arkor package", () => {
  it("runTrainer runs a built artifact, tells it through onEvent, prints nothing, and resolves to the outcome", async () => {
    const project = createProject("trainers");
    await project.arkor(["build", "src/arkor/failed-job.ts"]);
    const result = await runScript(
      project,
      [
        'import { runTrainer } from "arkor";',
        "const events = [];",
        'const outcome = await runTrainer(".arkor/build/index.mjs", { onEvent: (event) => events.push(event) });',
        "console.log(JSON.stringify({ events, outcome }));",
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    const { events, outcome } = lastLine(result.stdout);
    const jobResult = { job: { id: "fails-job", status: "failed" } };
    expect(outcome).toEqual({ jobId: "fails-job", status: "failed", result: jobResult, exitCode: 1, cancelled: false });
    expect(events.map(({ seq }) => seq)).toEqual([0, 1, 2, 3]);
    const artifact = project.path(".arkor/build/index.mjs");
    for (const event of events) expect([event.v, typeof event.time]).toEqual([1, "number"]);
    expect(events.map(({ v, seq, time, ...body }) => body)).toEqual([
      { type: "run.start", artifact, sha256: sha256(artifact), export: "trainer", name: "fails" },
      { type: "job.started", jobId: "fails-job" },
      { type: "job.finished", jobId: "fails-job", status: "failed", exitCode: 1, cancelled: false, result: jobResult },
      { type: "end", exitCode: 1 },
    ]);
  });

  it("runTrainer and startProject without onEvent print the run as arkor start does, on stdout and stderr; silent: true prints nothing", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build", "src/arkor/failed-job.ts"])).code).toBe(0);
    const printed = await runScript(project, 'import { runTrainer } from "arkor";\nconst outcome = await runTrainer(".arkor/build/index.mjs");\nconsole.log(`outcome ${outcome.status}`);\n');
    expect(printed.stdout).toBe("Started job fails-job\nJob fails-job finished with status=failed\noutcome failed\n");
    expect(printed.stderr).toBe("");
    // The same lines as the CLI's, byte for byte.
    const cli = await project.arkor(["start"]);
    expect(printed.stdout.replace("outcome failed\n", "")).toBe(cli.stdout.replace(/^Running the build of .*\n/, ""));

    const silent = await runScript(project, 'import { runTrainer } from "arkor";\nawait runTrainer(".arkor/build/index.mjs", { silent: true });\n');
    expect(silent.stdout + silent.stderr).toBe("");

    const started = await runScript(project, 'import { startProject } from "arkor";\nawait startProject({ cwd: process.cwd(), entry: "src/arkor/default-trainer.ts", plugins: async () => (await import("arkor/plugins")).loadPlugins(process.cwd()) });\n');
    // The build's line too, as arkor start prints it.
    expect(started.stdout).toMatch(/^Built src\/arkor\/default-trainer\.ts → \.arkor\/build\/index\.mjs .*\nStarted job default-trainer-job\nJob default-trainer-job finished with status=completed\n$/);
    expect(started.stderr).toBe("");
  });

  it("runTrainer() looks for src/arkor/index.ts under process.cwd() and rejects with the spec's message when it is missing", async () => {
    const project = createProject("empty-project");
    const result = await runScript(
      project,
      'import { runTrainer } from "arkor";\ntry { await runTrainer(); } catch (error) { console.log(error.code, error.message); }\n',
    );
    expect(result.stdout).toBe(`TRAINING_ENTRY_NOT_FOUND Training entry not found: ${project.path("src/arkor/index.ts")}. Provide a path or create src/arkor/index.ts.\n`);
  });

  it("runTrainer() on a named pipe says what it is instead of opening it (which would hang)", async () => {
    const project = createProject("empty-project");
    execFileSync("mkfifo", [project.path("pipe.mjs")]);
    const result = await runScript(
      project,
      'import { runTrainer } from "arkor";\ntry { await runTrainer("pipe.mjs"); } catch (error) { console.log(error.code, error.message); }\n',
    );
    expect(result.stdout).toBe(`ENTRY_NOT_A_FILE Training entry is a named pipe (FIFO), not a regular file: ${project.path("pipe.mjs")}. Pass the built trainer, such as .arkor/build/index.mjs.\n`);
  });

  it("runTrainer() on a TypeScript entry runs where Node strips types, and otherwise says how to run it", async () => {
    const project = createProject(undefined, {
      "package.json": '{ "type": "module" }',
      "src/arkor/index.ts": [
        'import { createArkor } from "arkor";',
        "const trainer = {",
        '  async start(): Promise<{ jobId: string }> { return { jobId: "ts-job" }; },',
        '  async wait() { return { job: { id: "ts-job", status: "completed" } }; },',
        "};",
        "export const arkor = createArkor({ trainer });",
      ].join("\n"),
    });
    const result = await runScript(
      project,
      [
        'import { runTrainer } from "arkor";',
        "const canStrip = Boolean(process.features.typescript);",
        'try { const { jobId, status } = await runTrainer(); console.log(canStrip, "ran", jobId, status); } catch (error) { console.log(canStrip, error.message); }',
      ].join("\n"),
    );
    const [canStrip, ...rest] = result.stdout.trim().split("\n").pop()!.split(" ");
    if (canStrip === "true") {
      expect(rest.join(" ")).toBe("ran ts-job completed");
    } else {
      expect(rest.join(" ")).toMatch(
        /^Node v\d+\.\d+\.\d+ cannot import the TypeScript file src\/arkor\/index\.ts directly\. Build it first with arkor build and run \.arkor\/build\/index\.mjs, or run under a TypeScript loader such as tsx\.$/,
      );
    }
  });

  it("aborting the signal cancels the job in a real process, with no signal handlers installed", async () => {
    const project = createProject("reliability");
    await project.arkor(["build"]);
    const result = await runScript(
      project,
      [
        'import { runTrainer } from "arkor";',
        "const controller = new AbortController();",
        "// Abort once the job prints that it is training, not after a guessed delay.",
        "const log = console.log;",
        'console.log = (...args) => { log(...args); if (args[0] === "training") controller.abort(); };',
        "const events = [];",
        'const outcome = await runTrainer(".arkor/build/index.mjs", { signal: controller.signal, onEvent: (event) => events.push(event) });',
        'console.log(JSON.stringify({ status: outcome.status, exitCode: outcome.exitCode, handlers: process.listenerCount("SIGINT"), events }));',
      ].join("\n"),
    );
    expect(result.stdout).toContain("cancel() called\n");
    const { events, ...summary } = lastLine(result.stdout);
    expect(summary).toEqual({ status: "cancelled", exitCode: 1, handlers: 0 });
    expect(events.map(({ type }) => type)).toEqual(["run.start", "job.started", "cancel.requested", "job.finished", "end"]);
    expect(events[2]).toMatchObject({ reason: "abort", jobId: "cooperative-job", timeoutMs: 10_000 });
    expect(events[3]).toMatchObject({ jobId: "cooperative-job", status: "cancelled", exitCode: 1, cancelled: true });
    expect(events[3]).not.toHaveProperty("timedOut");
    expect(events[4]).toMatchObject({ exitCode: 1 });
    // Nothing printed: the cancel is told through the events alone.
    expect(result.stderr).toBe("");
  });

  it("startProject with loadPlugins from arkor/plugins builds as the CLI does, the project's config included", async () => {
    const project = createProject("trainers", {
      "arkor.config.mjs": 'export default { plugins: [{ name: "pick-named-trainer", resolveEntry: ({ cwd }) => `${cwd}/src/arkor/named-trainer.ts` }] };\n',
    });
    const result = await runScript(
      project,
      [
        'import { startProject } from "arkor";',
        'import { loadPlugins } from "arkor/plugins";',
        "const cwd = process.cwd();",
        "const events = [];",
        "const outcome = await startProject({ cwd, plugins: () => loadPlugins(cwd), onEvent: (event) => events.push(event) });",
        "console.log(JSON.stringify({ exitCode: outcome.exitCode, events }));",
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
    const { events, exitCode } = lastLine(result.stdout);
    expect(exitCode).toBe(0);
    expect(events.map(({ type }) => type)).toEqual(["build.start", "build.end", "run.start", "job.started", "job.finished", "end"]);
    // The config's resolver picked the entry, as it does for arkor build.
    expect(events[1]).toMatchObject({ ok: true, entry: project.path("src/arkor/named-trainer.ts"), outFile: project.path(".arkor/build/index.mjs"), errors: [] });
    expect(events[2]).toMatchObject({ artifact: project.path(".arkor/build/index.mjs"), sha256: sha256(project.path(".arkor/build/index.mjs")), export: "trainer" });
    expect(events[4]).toMatchObject({ jobId: "named-trainer-job", status: "completed", exitCode: 0 });
  });
});
