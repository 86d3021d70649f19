import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";
import { parseEvents } from "../../../../scripts/test-utils/jobs.js";

const trainerEnding = (wait: string) => `export const trainer = {
  name: "t",
  async start() { return { jobId: "t" }; },
  async wait() { ${wait} },
};
`;

describe("every line arkor prints tells the truth", () => {
  it("a path with non-ASCII characters is shown as the file system names it, in text and in --json", async () => {
    const project = createProject(undefined, {
      "src/arkor/t ü.ts": trainerEnding('throw new Error("üboom");'),
      "src/arkor/index.ts": 'export { trainer } from "./t ü";\n',
    });
    const text = await project.arkor(["start"]);
    expect(text.stderr).toMatch(/^error: The trainer's wait\(\) failed: üboom \(at src\/arkor\/t ü\.ts:4:\d+\)\n$/);
    expect(text.code).toBe(1);
    const json = await project.arkor(["start", "--json"]);
    expect(parseEvents(json.stdout).find((event) => event.type === "error")).toMatchObject({ file: "src/arkor/t ü.ts", line: 4 });
  });

  it.each(["succeeded", "done"])("status=%s exits 1 with one line saying only completed counts and which statuses arkor knows", async (status) => {
    const project = createProject(undefined, { "src/arkor/index.ts": trainerEnding(`return { job: { id: "t", status: "${status}" } };`) });
    const result = await project.arkor(["start"]);
    expect(result.stdout).toMatch(new RegExp(`Started job t\nJob t finished with status=${status}\n$`));
    expect(result.stderr).toBe(`error: job t ended with status=${status}, which is not success: only "completed" is (arkor also knows failed, cancelled, timeout, lost).\n`);
    expect(result.code).toBe(1);
  });

  it("a status arkor knows, or the trainer's own message, needs no such line", async () => {
    const failed = createProject(undefined, { "src/arkor/index.ts": trainerEnding('return { job: { id: "t", status: "failed" } };') });
    expect((await failed.arkor(["start"])).stderr).toBe("");
    const explained = createProject(undefined, { "src/arkor/index.ts": trainerEnding('return { job: { id: "t", status: "diverged", message: "loss became NaN at step 40" } };') });
    expect((await explained.arkor(["start"])).stderr).toBe("error: job t diverged: loss became NaN at step 40.\n");
  });
});

describe("progress tells the truth", () => {
  const reporting = (reports: string) => `export const trainer = {
  name: "t",
  async start(ctx) {
    ${reports}
    return { jobId: "t" };
  },
  async wait() { return { job: { id: "t", status: "completed" } }; },
};
`;

  it("a message-only report keeps the step, total and metrics: the last piped progress line holds them", async () => {
    const project = createProject(undefined, {
      "src/arkor/index.ts": reporting('for (let step = 1; step <= 100; step++) ctx.report({ step, total: 100, metrics: { loss: 1 / step } });\n    ctx.report({ message: "saving checkpoint" });'),
    });
    const result = await project.arkor(["start"]);
    expect(result.code).toBe(0);
    const last = result.stderr.split("\n").filter((line) => line.startsWith("progress ")).at(-1);
    expect(last).toMatch(/^progress 100\/100 · 100% · .* · loss=0\.01 · saving checkpoint$/);
  });

  it("NaN, Infinity and a report that is not an object are a warning once per field, naming it; the rest of the report stays", async () => {
    const project = createProject(undefined, {
      "src/arkor/index.ts": reporting('for (let step = 1; step <= 3; step++) ctx.report({ step, total: 3, metrics: { loss: NaN, lr: Infinity, acc: 0.5 } });\n    ctx.report(7);'),
    });
    const result = await project.arkor(["start"]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning:"));
    expect(warnings).toEqual([
      "warning: ctx.report(): metrics.loss is NaN, not a finite number; it is left out of the progress.",
      "warning: ctx.report(): metrics.lr is Infinity, not a finite number; it is left out of the progress.",
      "warning: ctx.report() takes an object such as { step, total, metrics, message }, but got 7; it is ignored.",
    ]);
    expect(result.stderr).toMatch(/progress 3\/3 · 100% · .* · acc=0\.5\n/);
  });
});

describe("a crash right after the job finished", () => {
  const STRAY = `export const trainer = {
  name: "t",
  async start() {
    setTimeout(() => { throw new Error("stray timer"); }, 100);
    return { jobId: "t" };
  },
  async wait() { return { job: { id: "t", status: "completed" } }; },
};
`;

  it("is said in one line, never after a line that says success, and the exit code is 1", async () => {
    const project = createProject(undefined, { "src/arkor/index.ts": STRAY });
    expect((await project.arkor(["build"])).code).toBe(0);
    const result = await project.arkor(["start"]);
    expect(result.stdout).toBe("Started job t\n");
    expect(result.stderr).toBe("error: Job t completed, but the trainer crashed afterwards: stray timer (at src/arkor/index.ts:4:30)\n");
    expect(result.code).toBe(1);
  });

  it("in --json, job.finished keeps the status wait() said, with exitCode 1 and the crash, as end and the process say", async () => {
    const project = createProject(undefined, { "src/arkor/index.ts": STRAY });
    const result = await project.arkor(["start", "--json"]);
    const events = parseEvents(result.stdout);
    expect(events.find((event) => event.type === "job.finished")).toMatchObject({
      status: "completed",
      exitCode: 1,
      crash: { message: "stray timer", file: "src/arkor/index.ts", line: 4, column: 30 },
    });
    expect(events.at(-1)).toMatchObject({ type: "end", exitCode: 1 });
    expect(result.code).toBe(1);
  });
});
