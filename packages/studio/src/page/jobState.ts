import type { JobOutput } from "../jobOutput.js";
import type { JobStreamMessage } from "../jobRoutes.js";
import type { JobSummary } from "@arkor/jobs";
import type { Columns } from "./downsample.js";

/** What a job's page shows, built from its stream's messages alone; the log goes to `onLog` as it comes. */
export interface JobPageState {
  job?: JobSummary;
  /** Each metric's points over steps. */
  metrics: Map<string, Columns>;
  /** Reports so far: the step of a report that gave none. */
  reports: number;
  step?: number;
  total?: number;
  warnings: string[];
  /** Everything the job wrote has been read (it ended). */
  complete: boolean;
}

export function emptyJobState(): JobPageState {
  return { metrics: new Map(), reports: 0, warnings: [], complete: false };
}

/**
 * Folds one message of `/api/jobs/<id>/stream` into the state; `start` begins
 * again (a reconnect sends everything anew), and tells `onReset`.
 */
export function applyJobMessage(state: JobPageState, message: JobStreamMessage, onLog: (stream: "stdout" | "stderr", text: string) => void, onReset: () => void): void {
  switch (message.type) {
    case "start":
      Object.assign(state, emptyJobState(), { job: message.job });
      onReset();
      return;
    case "job":
      state.job = message.job;
      return;
    case "output":
      applyOutput(state, message.output, onLog);
      return;
    case "complete":
      state.complete = true;
      return;
  }
}

function applyOutput(state: JobPageState, output: JobOutput, onLog: (stream: "stdout" | "stderr", text: string) => void): void {
  for (const [stream, text] of output.logs) onLog(stream, text);
  state.reports += output.reports;
  if (output.step !== undefined) state.step = output.step;
  if (output.total !== undefined) state.total = output.total;
  for (const [name, piece] of Object.entries(output.metrics)) {
    const line = state.metrics.get(name);
    if (line) appendColumns(line, piece);
    else state.metrics.set(name, piece);
  }
  state.warnings.push(...output.warnings);
}

/** Appends a piece's columns in place (a long run's columns are long: no copy of them per piece). */
function appendColumns(line: Columns, piece: Columns): void {
  for (let index = 0; index < piece.steps.length; index++) {
    line.steps.push(piece.steps[index]!);
    line.values.push(piece.values[index]!);
  }
}
