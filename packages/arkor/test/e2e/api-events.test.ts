import { describe, expect, it } from "vitest";
import { createProject, moduleTrace, spawnNode } from "../../../../scripts/test-utils/index.js";
import { expectWellFormed, typesOf } from "./jsonEvents.js";

/** Runs an ES module script inside the project; the script prints one JSON line at the end. */
async function runScript(project: ReturnType<typeof createProject>, source: string) {
  project.write("host.mjs", source);
  const result = await spawnNode(["host.mjs"], { cwd: project.dir }).exited;
  return { ...result, json: JSON.parse(result.stdout.trimEnd().split("\n").at(-1)!) };
}

const REPORTING_TRAINER = `import { createTrainer } from "arkor";
export const trainer = createTrainer({
  name: "reporting",
  async start() { console.log("hello from the trainer"); return { jobId: "r" }; },
  async wait(ctx) { ctx.report({ step: 1, total: 1, metrics: { loss: 0.5 } }); return { job: { id: "r", status: "completed" } }; },
});
`;

describe("in-process hosts consume the same events, with results as values", () => {
  it("startProject with onEvent and captureOutput: every event, the trainer's console.log as a log event, the outcome", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": REPORTING_TRAINER });
    const { code, stdout, stderr, json } = await runScript(
      project,
      `import { startProject } from "arkor";
import { loadPlugins } from "arkor/plugins";
const events = [];
const cwd = process.cwd();
const outcome = await startProject({ cwd, plugins: () => loadPlugins(cwd), onEvent: (event) => events.push(event), captureOutput: true });
console.log(JSON.stringify({ outcome, events }));
`,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.split("\n")).toHaveLength(2); // the trainer's line was captured, not printed
    expectWellFormed(json.events, 0);
    expect(typesOf(json.events)).toEqual(["build.start", "build.end", "run.start", "log", "job.started", "job.progress", "job.finished", "end"]);
    expect(json.events[3]).toMatchObject({ stream: "stdout", text: "hello from the trainer\n" }); // printed inside start()
    expect(json.events[5]).toMatchObject({ jobId: "r", step: 1, total: 1, metrics: { loss: 0.5 } });
    expect(json.outcome).toEqual({ jobId: "r", status: "completed", result: { job: { id: "r", status: "completed" } }, exitCode: 0, cancelled: false });
  });

  it("build emits into an emitter and resolves to the artifact, its hash and its manifest", async () => {
    const project = createProject("trainers");
    const { code, json } = await runScript(
      project,
      `import { build, createEmitter } from "arkor";
import { loadPlugins } from "arkor/plugins";
const events = [];
const cwd = process.cwd();
const output = await build({ cwd, plugins: await loadPlugins(cwd), emitter: createEmitter((event) => events.push(event)) });
let failure;
try {
  await build({ cwd, entry: "src/arkor/missing.ts", plugins: await loadPlugins(cwd), emitter: createEmitter((event) => events.push(event)) });
} catch (error) {
  failure = { code: error.code };
}
console.log(JSON.stringify({ output, events, failure }));
`,
    );
    expect(code).toBe(0);
    const [start, end, failedStart, failedEnd] = json.events;
    expect(typesOf(json.events)).toEqual(["build.start", "build.end", "build.start", "build.end"]);
    expect([start.seq, end.seq, failedStart.seq, failedEnd.seq]).toEqual([0, 1, 0, 1]); // one sequence per emitter
    expect(end).toMatchObject({ ok: true, outFile: project.path(".arkor/build/index.mjs"), sha256: json.output.sha256, bytes: json.output.bytes });
    expect(json.output.manifest).toMatchObject({ schemaVersion: 1, entry: "src/arkor/index.ts", trainerExport: "arkor" });
    expect(failedEnd).toMatchObject({ ok: false, errors: [{ text: expect.stringContaining("Build entry not found") }] });
    expect(json.failure).toEqual({ code: "ENTRY_NOT_FOUND" });
  });

  it("watch rebuilds on a change and resolves once its signal is aborted", async () => {
    const project = createProject("trainers");
    const { code, json } = await runScript(
      project,
      `import { appendFileSync } from "node:fs";
import { createEmitter, watch } from "arkor";
import { loadPlugins } from "arkor/plugins";
const events = [];
const cwd = process.cwd();
const controller = new AbortController();
let builds = 0;
await watch({
  cwd,
  plugins: () => loadPlugins(cwd),
  emitter: createEmitter((event) => {
    events.push(event);
    if (event.type !== "watch.ready") return;
    if (++builds === 1) appendFileSync("src/arkor/index.ts", "// edited\\n");
    else controller.abort();
  }),
  signal: controller.signal,
});
console.log(JSON.stringify({ events }));
`,
    );
    expect(code).toBe(0);
    expect(typesOf(json.events)).toEqual(["build.start", "build.end", "watch.ready", "build.start", "build.end", "watch.ready"]);
    expect(json.events.filter((event: { type: string }) => event.type === "build.end").map((event: { ok: boolean }) => event.ok)).toEqual([true, true]);
  });
});

describe("the arkor entry", () => {
  it("loads arkor's entry and core's trainer part alone (no rest of core, runner, bundler or node:util), with build, watch and the reader exported", async () => {
    const project = createProject("trainers", {
      "host.mjs": 'import * as arkor from "arkor";\nconsole.log(["build", "watch", "readEvents", "createEventReader", "startProject"].map((name) => typeof arkor[name]).join(" "));\n',
    });
    const trace = moduleTrace(project);
    const result = await spawnNode(["host.mjs"], { cwd: project.dir, env: trace.env }).exited;
    expect(result.stdout).toBe("function function function function function\n");
    // Every module resolved, as a set: the script, one file of arkor's and one of core's, and the built-ins they import.
    const loaded = new Set(
      trace
        .loaded()
        .split("\n")
        .filter(Boolean)
        .map((url) => url.replace(/^file:\/\/.*\/packages\//, "packages/").replace(/^file:\/\/.*\/host\.mjs$/, "host.mjs")),
    );
    expect([...loaded].sort()).toEqual(["host.mjs", "node:module", "node:path", "packages/arkor/dist/index.js", "packages/core/dist/trainer.js"]);
  });

  it("build loads the rest of core when first called, and what it throws is an instance of arkor's own error classes", async () => {
    const project = createProject("trainers", {
      "host.mjs": `import { ArkorError, PluginError, build, isArkorError } from "arkor";
const plugins = [{ name: "boom", resolveEntry() { throw new Error("no entry here"); } }];
const error = await build({ cwd: process.cwd(), plugins }).catch((error) => error);
console.log(JSON.stringify({ plugin: error instanceof PluginError, arkor: error instanceof ArkorError, branded: isArkorError(error), message: error.message }));
`,
    });
    const trace = moduleTrace(project);
    const { code, stdout } = await spawnNode(["host.mjs"], { cwd: project.dir, env: trace.env }).exited;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ plugin: true, arkor: true, branded: true, message: "[plugin boom] resolveEntry: no entry here" });
    expect(trace.loaded()).toContain("/packages/core/dist/index.js");
  });
});

describe("a second signal in an in-process host", () => {
  it("runTrainer with handleSignals says it in the event stream (error, then end), not straight to stderr", async () => {
    const project = createProject("reliability");
    expect((await project.arkor(["build", "src/arkor/stubborn.ts"])).code).toBe(0);
    project.write(
      "host.mjs",
      `import { writeSync } from "node:fs";
import { runTrainer } from "arkor";
await runTrainer(".arkor/build/index.mjs", { handleSignals: true, onEvent: (event) => writeSync(1, JSON.stringify(event) + "\\n") });
`,
    );
    const run = spawnNode(["host.mjs"], { cwd: project.dir });
    await run.waitFor('"type":"job.started"');
    run.child.kill("SIGTERM");
    await run.waitFor('"type":"cancel.requested"');
    run.child.kill("SIGINT");
    const result = await run.exited;
    const events = result.stdout.trim().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    expect(events.slice(-2)).toMatchObject([
      { type: "error", code: "CANCELLED", message: "Received SIGINT again; exiting now." },
      { type: "end", exitCode: 130 },
    ]);
    expect(result.stderr).not.toContain("Received SIGINT again");
    expect(result.code).toBe(130);
  });
});
