import { type ArkorEventBody, type Emitter, type JobRecord } from "@arkor/core";
import { eventsHoldOutput, followEvents, followFiles, followRecord, jobFiles, lineSplitter, parseProgressLine } from "@arkor/jobs";

export type LogStream = "stdout" | "stderr";

/** A metric's points as columns: the i-th value was reported at the i-th step. */
export interface MetricColumns {
  steps: number[];
  values: number[];
}

/**
 * A piece of a job's output, as the page gets it: log text by stream
 * (consecutive text of one stream joined), and progress as columns per
 * metric, so 100,000 lines and 50,000 points cross as a few compact messages.
 */
export interface JobOutput {
  logs: [LogStream, string][];
  metrics: Record<string, MetricColumns>;
  /** Reports in this piece. */
  reports: number;
  /** The last step and total reported in this piece. */
  step?: number;
  total?: number;
  warnings: string[];
}

/**
 * Collects a job's output from its events. A report without a step is drawn
 * at its number among the job's reports (1 for the first; the output is
 * always read from its start, so the count is the job's own).
 */
class OutputCollector {
  private output = emptyOutput();
  private size = 0;
  private reportsBefore = 0;

  /** Adds one event of the job's output (other events are ignored). */
  add(event: ArkorEventBody): void {
    const output = this.output;
    switch (event.type) {
      case "log": {
        const last = output.logs.at(-1);
        if (last && last[0] === event.stream) last[1] += event.text;
        else output.logs.push([event.stream, event.text]);
        this.size += event.text.length;
        return;
      }
      case "job.progress": {
        const at = event.step ?? this.reportsBefore + output.reports + 1;
        output.reports++;
        if (event.step !== undefined) output.step = event.step;
        if (event.total !== undefined) output.total = event.total;
        for (const [name, value] of Object.entries(event.metrics ?? {})) {
          const line = (output.metrics[name] ??= { steps: [], values: [] });
          line.steps.push(at);
          line.values.push(value);
          this.size += 16;
        }
        if (event.message) this.add({ type: "log", stream: "stdout", text: `${event.message}\n` });
        return;
      }
      case "warning":
        output.warnings.push(event.message);
        return;
    }
  }

  /** About how many bytes are waiting. */
  get pendingBytes(): number {
    return this.size;
  }

  /** What was collected since the last take, or undefined when nothing was. */
  take(): JobOutput | undefined {
    const output = this.output;
    if (output.logs.length === 0 && output.reports === 0 && output.warnings.length === 0) return undefined;
    this.reportsBefore += output.reports;
    this.output = emptyOutput();
    this.size = 0;
    return output;
  }
}

function emptyOutput(): JobOutput {
  return { logs: [], metrics: {}, reports: 0, warnings: [] };
}

/** An emitter that hands each event straight to `onEvent`, without the envelope a stream would need. */
function collectingEmitter(onEvent: (event: ArkorEventBody) => void): Emitter {
  return { emit: onEvent, ended: false, subscribe: () => () => {} };
}

export interface FollowOutputOptions {
  cwd: string;
  record: JobRecord;
  /** Called with what came since the last call: at most every `batchMs`, or sooner once a piece is large. */
  onOutput(output: JobOutput): void;
  /** Default 100 ms: live enough to watch, few enough messages for a fast job. */
  batchMs?: number;
  /** While this says so (the page is behind), the job's files are not read. */
  paused?: () => boolean;
}

/** Past this many bytes a piece is sent at once, so the page works on a long job's start while the rest is read. */
const LARGE_PIECE = 1 << 20;

/**
 * A job's whole output, then what it writes next, in pieces: through the same
 * follower as `arkor jobs logs`, from the run's events.ndjson when it holds
 * them all (in the order arkor saw them), else from a command job's own files,
 * so it is complete whoever ran the job and whatever happened to arkor.
 */
export function followOutput(options: FollowOutputOptions): { stop(): Promise<void> } {
  const collector = new OutputCollector();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const output = collector.take();
    if (output) options.onOutput(output);
  };
  const emitter = collectingEmitter((event) => {
    collector.add(event);
    if (collector.pendingBytes >= LARGE_PIECE) flush();
    else timer ??= setTimeout(flush, options.batchMs ?? 100);
  });
  // The run's events keep stdout and stderr in the order they came; a job's own files are complete when arkor was killed meanwhile.
  const source = eventsHoldOutput(options.cwd, options.record) ? "events" : "files";
  const following = followRecord({ cwd: options.cwd, record: options.record, emitter, paused: options.paused, source });
  return {
    async stop() {
      await following.stop();
      flush();
    },
  };
}

/**
 * A job's metrics as they stand, read to the end at once (the compare view):
 * a command job's progress file alone, a hand-written trainer's events.
 */
export async function readMetrics(cwd: string, record: JobRecord): Promise<Pick<JobOutput, "metrics" | "reports">> {
  const collector = new OutputCollector();
  const files = jobFiles(cwd, record.id);
  const stopped = AbortSignal.abort();
  if (record.backend) {
    const lines = lineSplitter((line) => {
      const parsed = line.trim() === "" ? undefined : parseProgressLine(line);
      if (parsed && "progress" in parsed) collector.add({ type: "job.progress", ...parsed.progress, message: undefined });
    });
    // Stopped before it starts: it reads what is there, to the end, and returns.
    await followFiles([{ path: files.progress, onText: (text) => lines.push(text) }], stopped);
    lines.flush();
  } else {
    await followEvents(files.events, (event) => event.type === "job.progress" && collector.add({ ...event, message: undefined }), stopped);
  }
  const { metrics, reports } = collector.take() ?? { metrics: {}, reports: 0 };
  return { metrics, reports };
}
