import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";
import { expectWellFormed, runJson, spawnJson, typesOf } from "./jsonEvents.js";

const BROKEN = "export const trainer = {\n  start() {\n    return ;;; {\n};\n";

describe("--json: the NDJSON stream parses line by line against the schema", () => {
  it("a successful build", async () => {
    const project = createProject("trainers");
    const { code, events, stdout, stderr } = await runJson(project, ["build"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.split("\n").at(-1)).toBe(""); // ends with a whole line
    expectWellFormed(events, 0);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "end"]);
    expect(events[1]).toMatchObject({ ok: true, entry: project.path("src/arkor/index.ts"), outFile: project.path(".arkor/build/index.mjs"), errors: [], warnings: [] });
    expect(events[1]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) });
  });

  it("a failing build: every error with its location, then error and end 1", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": BROKEN });
    const { code, events, stderr } = await runJson(project, ["build"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expectWellFormed(events, 1);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "error", "end"]);
    const end = events[1] as Extract<(typeof events)[number], { type: "build.end" }>;
    expect(end).toMatchObject({ ok: false, bytes: 0, sha256: "" });
    expect(end.errors.length).toBeGreaterThan(0);
    expect(end.errors[0]).toMatchObject({ file: "src/arkor/index.ts", line: expect.any(Number), column: expect.any(Number), lineText: expect.any(String) });
    expect(events[2]).toMatchObject({ code: "BUILD_FAILED" });
    expect(existsSync(project.path(".arkor/build/index.mjs"))).toBe(false);
  });

  it("a build with a warning: the warning with its id and location, and ok", async () => {
    const source = 'import { createTrainer } from "arkor";\nconst options = { rate: 1, rate: 2 };\nexport const trainer = createTrainer({ async start() { return { jobId: String(options.rate) }; }, async wait() { return { job: { id: "2", status: "completed" } }; } });\n';
    const project = createProject("trainers", { "src/arkor/index.ts": source });
    const { code, events, stderr } = await runJson(project, ["build"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expectWellFormed(events, 0);
    const end = events[1] as Extract<(typeof events)[number], { type: "build.end" }>;
    expect(end.ok).toBe(true);
    expect(end.warnings).toHaveLength(1);
    expect(end.warnings[0]).toMatchObject({ id: "duplicate-object-key", file: "src/arkor/index.ts", line: 2, column: 28, lineText: "const options = { rate: 1, rate: 2 };" });
    expect(end.warnings[0]!.text).toContain('"rate"');
  });

  it("a successful run", async () => {
    const project = createProject("trainers");
    const { code, events, stderr } = await runJson(project, ["start"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expectWellFormed(events, 0);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "run.start", "job.started", "job.finished", "end"]);
    expect(events[2]).toMatchObject({ artifact: project.path(".arkor/build/index.mjs"), export: "arkor", name: "named-arkor", sha256: (events[1] as { sha256: string }).sha256 });
    expect(events[4]).toMatchObject({ jobId: "named-arkor-job", status: "completed", exitCode: 0, cancelled: false, result: { job: { id: "named-arkor-job", status: "completed" } } });
  });

  it("a failed job: job.finished with status failed, end 1", async () => {
    const project = createProject("trainers");
    const { code, events } = await runJson(project, ["start", "src/arkor/failed-job.ts"]);
    expect(code).toBe(1);
    expectWellFormed(events, 1);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "run.start", "job.started", "job.finished", "end"]);
    expect(events[4]).toMatchObject({ jobId: "fails-job", status: "failed", exitCode: 1, cancelled: false });
  });

  it("a run that fails before the job: error with its code, end 1", async () => {
    const project = createProject("trainers");
    const { code, events, stderr } = await runJson(project, ["start", "src/arkor/no-trainer.ts"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expectWellFormed(events, 1);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "error", "end"]);
    expect(events[2]).toMatchObject({ code: "NO_TRAINER_EXPORT", message: expect.stringContaining("Training entry must export 'arkor'") });
  });
});

const CHATTY_TRAINER = `
import { spawnSync } from "node:child_process";
import { createTrainer } from "arkor";

export const trainer = createTrainer({
  async start() {
    console.log("from console.log");
    process.stderr.write("to stderr\\n");
    return { jobId: "chatty" };
  },
  async wait(ctx) {
    spawnSync("echo", ["hi from a child"], { stdio: "inherit" });
    spawnSync("printf", ["no newline"], { stdio: "inherit" }); // glued in front of the next event's line
    for (let step = 1; step <= 3; step++) ctx.report({ step, total: 3, metrics: { loss: 1 / step }, message: "fitting" });
    ctx.report({ step: NaN, total: Infinity, metrics: { loss: Infinity, accuracy: 0.5 } }); // non-finite numbers are left out
    return { job: { id: "chatty", status: "completed" } };
  },
});
`;

describe("--json: what the trainer prints", () => {
  it("console.log and stderr writes become log events, a child's inherited output raw lines, ctx.report() job.progress", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": CHATTY_TRAINER });
    const { code, events, stderr } = await runJson(project, ["start"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expectWellFormed(events, 0, { allowRaw: true });
    const logs = events.filter((event) => event.type === "log").map(({ seq, stream, text }) => ({ raw: seq === -1, stream, text }));
    expect(logs).toEqual([
      { raw: false, stream: "stdout", text: "from console.log\n" },
      { raw: false, stream: "stderr", text: "to stderr\n" },
      { raw: true, stream: "stdout", text: "hi from a child\n" },
      { raw: true, stream: "stdout", text: "no newline" },
    ]);
    const progress = events.filter((event) => event.type === "job.progress");
    expect(progress.map(({ jobId, step, total, metrics, message }) => ({ jobId, step, total, metrics, message }))).toEqual([
      { jobId: "chatty", step: 1, total: 3, metrics: { loss: 1 }, message: "fitting" },
      { jobId: "chatty", step: 2, total: 3, metrics: { loss: 0.5 }, message: "fitting" },
      { jobId: "chatty", step: 3, total: 3, metrics: { loss: 1 / 3 }, message: "fitting" },
      { jobId: "chatty", step: undefined, total: undefined, metrics: { accuracy: 0.5 }, message: undefined },
    ]);
    expect(progress.at(-1)).not.toHaveProperty("step");
    expect(typesOf(events).filter((type) => type !== "log")).toEqual([
      "build.start",
      "build.end",
      "run.start",
      "job.started",
      "job.progress",
      "job.progress",
      "job.progress",
      // The non-finite step, total and loss are each said once, before the report they were left out of.
      "warning",
      "warning",
      "warning",
      "job.progress",
      "job.finished",
      "end",
    ]);
    expect(events.filter((event) => event.type === "warning").map((event) => event.message)).toEqual([
      "ctx.report(): metrics.loss is Infinity, not a finite number; it is left out of the progress.",
      "ctx.report(): step is NaN, not a finite number; it is left out of the progress.",
      "ctx.report(): total is Infinity, not a finite number; it is left out of the progress.",
    ]);
  });
});

/** Runs until cancelled (ctx.signal) or until the file `go` exists; cancel() says so on stdout. */
const WAITING_TRAINER = `
import { existsSync } from "node:fs";
import { createTrainer } from "arkor";

export const trainer = createTrainer({
  async start() {
    return { jobId: "waiting" };
  },
  async wait(ctx) {
    while (!ctx.signal.aborted && !existsSync("go")) await new Promise((resolve) => setTimeout(resolve, 20));
    return { job: { id: "waiting", status: ctx.signal.aborted ? "cancelled" : "completed" } };
  },
  async cancel() {
    console.log("cancel() ran");
  },
});
`;

describe("--json: cancelling through stdin", () => {
  it('a {"type":"cancel"} line on stdin cancels like SIGTERM: cancel(), cancel.requested, job.finished cancelled, end 143', async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": WAITING_TRAINER });
    const run = spawnJson(project, ["start", "--json"]);
    await run.waitForEvent((event) => event.type === "job.started");
    run.child.stdin!.write('{"type":"cancel"}\n');
    const { code, events, stderr } = await run.exited;
    expect(stderr).toBe("");
    expect(code).toBe(143);
    expectWellFormed(events, 143);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "run.start", "job.started", "cancel.requested", "log", "job.finished", "end"]);
    expect(events[4]).toMatchObject({ reason: "stdin", jobId: "waiting", timeoutMs: 10_000 });
    expect(events[5]).toMatchObject({ stream: "stdout", text: "cancel() ran\n" });
    expect(events[6]).toMatchObject({ jobId: "waiting", status: "cancelled", cancelled: true, exitCode: 143 });
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("%s gives the same stream, with its reason and exit code", async (signal, exitCode) => {
    const project = createProject("trainers", { "src/arkor/index.ts": WAITING_TRAINER });
    const run = spawnJson(project, ["start", "--json"]);
    await run.waitForEvent((event) => event.type === "job.started");
    run.child.kill(signal);
    const { code, events, stderr } = await run.exited;
    expect(stderr).toBe("");
    expect(code).toBe(exitCode);
    expectWellFormed(events, exitCode);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "run.start", "job.started", "cancel.requested", "log", "job.finished", "end"]);
    expect(events[4]).toMatchObject({ reason: signal, jobId: "waiting" });
    expect(events[6]).toMatchObject({ status: "cancelled", cancelled: true, exitCode });
  });

  it("closing stdin cancels nothing", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": WAITING_TRAINER });
    const run = spawnJson(project, ["start", "--json"]);
    await run.waitForEvent((event) => event.type === "job.started");
    run.child.stdin!.end();
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for a wrongly wired EOF to cancel
    project.write("go", "");
    const { code, events } = await run.exited;
    expect(code).toBe(0);
    expectWellFormed(events, 0);
    expect(typesOf(events)).toEqual(["build.start", "build.end", "run.start", "job.started", "job.finished", "end"]);
    expect(events[4]).toMatchObject({ status: "completed", cancelled: false });
  });

  it("a line that is not a cancel request is ignored", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": WAITING_TRAINER });
    const run = spawnJson(project, ["start", "--json"]);
    await run.waitForEvent((event) => event.type === "job.started");
    run.child.stdin!.write('not json\n{"type":"status"}\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    project.write("go", "");
    const { code, events } = await run.exited;
    expect(code).toBe(0);
    expect(typesOf(events)).not.toContain("cancel.requested");
  });
});
