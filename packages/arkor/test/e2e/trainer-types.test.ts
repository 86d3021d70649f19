import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject, REPO_ROOT, spawnNode, type TempProject } from "../../../../scripts/test-utils/index.js";

const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["check.ts"] });

function check(code: string): Promise<{ errors: string[]; output: string; code: number | null }> {
  const project: TempProject = createProject(undefined, { "package.json": '{ "type": "module" }', "tsconfig.json": TSCONFIG, "check.ts": code });
  return spawnNode([TSC, "-p", "tsconfig.json", "--pretty", "false"], { cwd: project.dir }).exited.then((result) => ({
    errors: result.stdout.split("\n").filter((line) => line.startsWith("check.ts")),
    output: result.stdout,
    code: result.code,
  }));
}

describe("the trainer types catch what the runtime would silently ignore", () => {
  it("a trainer as the docs write it type-checks: async or synchronous start() and wait(), arkor's statuses or one of its own, ctx used or not", async () => {
    const result = await check(`import { createArkor, createTrainer, type TrainingResult, type TrainingStatus } from "arkor";
const asynchronous = createTrainer({
  name: "async",
  async start(ctx) { ctx.report({ step: 1, total: 2, metrics: { loss: 0.5 } }); return { jobId: "a" }; },
  async wait(): Promise<TrainingResult> { return { job: { id: "a", status: "completed" } }; },
  async cancel() {},
});
const synchronous = createTrainer({
  start: () => ({ jobId: "s" }),
  wait: () => ({ job: { id: "s", status: "my-own-status", message: "why" } }),
});
const statuses: TrainingStatus[] = ["completed", "failed", "cancelled", "timeout", "lost"];
export const arkor = createArkor({ trainer: asynchronous });
export { synchronous, statuses };
`);
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("a misspelt key, a method arkor never calls, a status that is not a string, a missing wait() and a command trainer's near miss are type errors at their line, naming what is wrong", async () => {
    const result = await check(`import { createTrainer } from "arkor";
export const misspelt = createTrainer({
  nmae: "x",
  async start() { return { jobId: "a" }; },
  async wait() { return { job: { id: "a", status: "completed" } }; },
});
export const neverCalled = createTrainer({
  async start() { return { jobId: "a" }; },
  async wait() { return { job: { id: "a", status: "completed" } }; },
  cancle() {},
});
export const wrongStatus = createTrainer({
  async start() { return { jobId: "a" }; },
  async wait() { return { job: { id: "a", status: 200 } }; },
});
export const noWait = createTrainer({
  async start() { return { jobId: "a" }; },
});
export const mixed = createTrainer({ command: ["python3", "train.py"], resource: { gpus: 1 } });
`);
    expect(result.errors).toEqual([
      "check.ts(3,3): error TS2322: Type 'string' is not assignable to type 'string & NotATrainerField<\"nmae\">'.",
      "check.ts(10,3): error TS2322: Type '() => void' is not assignable to type '(() => void) & NotATrainerField<\"cancle\">'.",
      "check.ts(14,9): error TS2322: Type '() => Promise<{ job: { id: string; status: number; }; }>' is not assignable to type '(ctx: RunContext) => Awaitable<TrainingResult>'.",
      "check.ts(16,37): error TS2345: Argument of type '{ start(): Promise<{ jobId: string; }>; }' is not assignable to parameter of type 'ExactTrainer<CommandTrainerOptions | Trainer>'.",
      "check.ts(19,72): error TS2322: Type '{ gpus: number; }' is not assignable to type '{ gpus: number; } & NotATrainerField<\"resource\">'.",
    ]);
    // The detail under each: the status's type, and the missing method.
    expect(result.output).toContain("Type 'number' is not assignable to type 'TrainingStatus | (string & {})'.");
    expect(result.output).toContain("Property 'wait' is missing");
    expect(result.code).toBe(2);
  });
});
