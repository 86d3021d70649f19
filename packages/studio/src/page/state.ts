import type { ArkorEvent, BuildMessage, EventOf } from "@arkor/core";
import type { StudioMessage } from "../eventLog.js";

export interface MetricPoint {
  step: number;
  value: number;
}

export interface RunState {
  runId: string;
  jobId?: string;
  /** The run's id in the job store: its page is /jobs/<recordId>. */
  recordId?: string;
  startedAt: number;
  endedAt?: number;
  status: string;
  exitCode?: number | null;
  log: string;
  step?: number;
  total?: number;
  /** The first progress event with a step, for the ETA. */
  firstProgress?: { step: number; time: number };
  lastProgress?: { step: number; time: number };
  metrics: Map<string, MetricPoint[]>;
}

export interface BuildState {
  building: boolean;
  last?: EventOf<"build.end">;
}

export interface PageState {
  project?: { cwd: string; name: string };
  manifest?: EventOf<"manifest">;
  manifestError?: string;
  watchError?: string;
  build: BuildState;
  runs: RunState[];
}

export function emptyState(): PageState {
  return { build: { building: false }, runs: [] };
}

/** Folds one server message into the page's state: the page holds nothing else. */
export function apply(state: PageState, message: StudioMessage): void {
  switch (message.type) {
    case "project":
      state.project = { cwd: message.cwd, name: message.name };
      return;
    case "manifest":
      state.manifest = message.event;
      state.manifestError = undefined;
      return;
    case "studio.error":
      if (message.source === "manifest") state.manifestError = message.message;
      else state.watchError = message.message;
      return;
    case "build":
      applyBuild(state.build, message.event);
      return;
    case "run.created":
      state.runs.push({ runId: message.runId, startedAt: message.time, status: "starting", log: "", metrics: new Map() });
      return;
    case "run.event": {
      const run = state.runs.find((candidate) => candidate.runId === message.runId);
      if (run) applyRun(run, message.event);
      return;
    }
    case "run.exit": {
      const run = state.runs.find((candidate) => candidate.runId === message.runId);
      if (!run) return;
      run.endedAt = message.time;
      run.exitCode = message.exitCode;
      if (run.status === "starting" || run.status === "running" || run.status === "cancelling") {
        run.status = message.signal ? `killed (${message.signal})` : "error";
      }
      return;
    }
  }
}

function applyBuild(build: BuildState, event: ArkorEvent): void {
  if (event.type === "build.start") build.building = true;
  if (event.type === "build.end") {
    build.building = false;
    build.last = event;
  }
}

function applyRun(run: RunState, event: ArkorEvent): void {
  switch (event.type) {
    case "run.start":
      run.recordId = event.recordId;
      return;
    case "job.started":
      run.jobId = event.jobId;
      run.status = "running";
      return;
    case "job.progress":
      if (event.total !== undefined) run.total = event.total;
      if (event.step !== undefined) {
        run.step = event.step;
        run.firstProgress ??= { step: event.step, time: event.time };
        run.lastProgress = { step: event.step, time: event.time };
      }
      for (const [name, value] of Object.entries(event.metrics ?? {})) {
        if (typeof value !== "number" || !Number.isFinite(value)) continue;
        const points = run.metrics.get(name) ?? [];
        points.push({ step: event.step ?? points.length, value });
        run.metrics.set(name, points);
      }
      if (event.message) run.log += `${event.message}\n`;
      return;
    case "log":
      run.log += event.text;
      return;
    case "cancel.requested":
      run.status = "cancelling";
      run.log += `Cancelling (${event.reason}); waiting up to ${event.timeoutMs / 1000}s for the job to stop.\n`;
      return;
    case "job.finished":
      run.status = event.status;
      run.exitCode = event.exitCode;
      return;
    case "artifact.stale":
      run.log += `warning: running the last build; changed since: ${event.changed.join(", ")}\n`;
      return;
    case "error":
      run.status = "error";
      run.log += `error: ${event.message}\n`;
      return;
    case "end":
      run.exitCode = event.exitCode;
      return;
  }
}

/** `file:line:column`, as editors and terminals link it. */
export function where(message: BuildMessage): string {
  if (!message.file) return "";
  return [message.file, message.line, message.column].filter((part) => part !== undefined).join(":");
}

/** Seconds left at the rate seen so far, or undefined when it cannot be told yet. */
export function etaSeconds(run: RunState): number | undefined {
  const { firstProgress: first, lastProgress: last, total } = run;
  if (!first || !last || total === undefined || last.step <= first.step || last.time <= first.time) return undefined;
  const perStep = (last.time - first.time) / (last.step - first.step);
  return Math.max(0, ((total - last.step) * perStep) / 1000);
}
