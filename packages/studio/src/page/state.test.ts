import type { ArkorEvent, ArkorEventBody } from "@arkor/core";
import { describe, expect, it } from "vitest";
import { apply, emptyState, etaSeconds, where } from "./state.js";

let seq = 0;
const event = (body: ArkorEventBody, time = 0) => ({ v: 1, seq: seq++, time, ...body }) as ArkorEvent;

describe("the page's state", () => {
  it("follows a run from its events: job id, progress, metrics per step, log, final status and exit code", () => {
    const state = emptyState();
    apply(state, { type: "run.created", runId: "run-1", time: 1000 });
    const relay = (body: ArkorEventBody, time = 0) => apply(state, { type: "run.event", runId: "run-1", event: event(body, time) });
    relay({ type: "job.started", jobId: "job-1" });
    relay({ type: "job.progress", step: 1, total: 10, metrics: { loss: 4 } }, 2000);
    relay({ type: "log", stream: "stdout", text: "epoch 1\n" });
    relay({ type: "job.progress", step: 3, total: 10, metrics: { loss: 2, acc: 0.5 } }, 4000);
    const run = state.runs[0]!;
    expect([run.jobId, run.status, run.step, run.total, run.log]).toEqual(["job-1", "running", 3, 10, "epoch 1\n"]);
    expect(Object.fromEntries(run.metrics)).toEqual({ loss: [{ step: 1, value: 4 }, { step: 3, value: 2 }], acc: [{ step: 3, value: 0.5 }] });
    // Two steps took 2 s: seven more take 7 s.
    expect(etaSeconds(run)).toBe(7);

    relay({ type: "job.finished", jobId: "job-1", status: "completed", exitCode: 0, cancelled: false });
    relay({ type: "end", exitCode: 0 });
    apply(state, { type: "run.exit", runId: "run-1", exitCode: 0, signal: null, time: 5000 });
    expect([run.status, run.exitCode, run.endedAt]).toEqual(["completed", 0, 5000]);
  });

  it("marks a run that ended without job.finished as an error, and one killed by a signal as killed", () => {
    const state = emptyState();
    apply(state, { type: "run.created", runId: "run-1", time: 0 });
    apply(state, { type: "run.event", runId: "run-1", event: event({ type: "error", code: "NO_TRAINER_EXPORT", message: "No trainer here." }) });
    apply(state, { type: "run.exit", runId: "run-1", exitCode: 1, signal: null, time: 1 });
    apply(state, { type: "run.created", runId: "run-2", time: 2 });
    apply(state, { type: "run.exit", runId: "run-2", exitCode: null, signal: "SIGKILL", time: 3 });
    expect(state.runs.map((run) => [run.status, run.exitCode, run.log])).toEqual([
      ["error", 1, "error: No trainer here.\n"],
      ["killed (SIGKILL)", null, ""],
    ]);
  });

  it("keeps the last build's result and whether one is going", () => {
    const state = emptyState();
    apply(state, { type: "build", event: event({ type: "build.start" }) });
    expect(state.build.building).toBe(true);
    const failed = event({ type: "build.end", ok: false, outFile: "/p/.arkor/build/index.mjs", durationMs: 3, bytes: 0, sha256: "", warnings: [], errors: [{ text: "x", file: "src/a.ts", line: 2, column: 5 }] });
    apply(state, { type: "build", event: failed });
    expect(state.build).toEqual({ building: false, last: failed });
  });
});

describe("where", () => {
  it("is file:line:column, or less when the location is partial", () => {
    expect(where({ text: "x", file: "src/a.ts", line: 2, column: 5 })).toBe("src/a.ts:2:5");
    expect(where({ text: "x", file: "src/a.ts" })).toBe("src/a.ts");
    expect(where({ text: "x" })).toBe("");
  });
});
