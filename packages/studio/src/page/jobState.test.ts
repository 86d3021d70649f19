import type { JobSummary } from "@arkor/jobs";
import { describe, expect, it } from "vitest";
import { applyJobMessage, emptyJobState } from "./jobState.js";

const job = (status: string) => ({ id: "20261206-100000-aaaa", status }) as JobSummary;

describe("a job page's state", () => {
  it("builds from the stream: the record, metrics appended piece by piece, the last step and total, the log handed on", () => {
    const state = emptyJobState();
    const logs: string[] = [];
    let resets = 0;
    const apply = (message: Parameters<typeof applyJobMessage>[1]) => applyJobMessage(state, message, (stream, text) => logs.push(`${stream}:${text}`), () => resets++);
    apply({ type: "start", job: job("running") });
    apply({ type: "output", output: { logs: [["stdout", "a\n"]], metrics: { loss: { steps: [1, 2], values: [4, 3] } }, reports: 2, step: 2, total: 10, warnings: [] } });
    apply({ type: "output", output: { logs: [["stderr", "b\n"]], metrics: { loss: { steps: [3], values: [2] }, acc: { steps: [3], values: [0.5] } }, reports: 1, step: 3, warnings: ["bad line"] } });
    apply({ type: "job", job: job("completed") });
    apply({ type: "complete" });
    expect(Object.fromEntries(state.metrics)).toEqual({ loss: { steps: [1, 2, 3], values: [4, 3, 2] }, acc: { steps: [3], values: [0.5] } });
    expect([state.reports, state.step, state.total, state.warnings, state.job?.status, state.complete]).toEqual([3, 3, 10, ["bad line"], "completed", true]);
    expect(logs).toEqual(["stdout:a\n", "stderr:b\n"]);
    expect(resets).toBe(1);
  });

  it("starts over on a second start (the stream was read again after a drop)", () => {
    const state = emptyJobState();
    let resets = 0;
    applyJobMessage(state, { type: "start", job: job("running") }, () => {}, () => resets++);
    applyJobMessage(state, { type: "output", output: { logs: [], metrics: { loss: { steps: [1], values: [1] } }, reports: 1, warnings: [] } }, () => {}, () => {});
    applyJobMessage(state, { type: "start", job: job("running") }, () => {}, () => resets++);
    expect([state.metrics.size, state.reports, resets]).toEqual([0, 0, 2]);
  });
});
