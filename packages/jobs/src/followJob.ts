import type { Emitter, JobSink } from "@arkor/core";
import { followFiles, lineSplitter, type FollowOptions } from "./followFiles.js";
import { parseProgressLine } from "./progressLine.js";

/** Malformed progress lines get a warning each, up to this many; then one more says the rest are skipped quietly. */
const MAX_WARNINGS = 5;

export interface FollowJobOptions {
  files: { stdout: string; stderr: string; progress: string };
  emitter: Emitter;
  jobId: string;
  /** A backend's own way to stream the job's output (JobBackend.follow); by default its files are followed. */
  follow?: (sink: JobSink, signal: AbortSignal) => Promise<void>;
  /** Byte offsets to start from (`arkor jobs wait` shows only what comes next); default the beginning. */
  from?: { stdout?: number; stderr?: number; progress?: number };
  /** Called on each piece of output or progress, before its event. */
  onOutput?: () => void;
  /** While this says so, the files are not read (FollowOptions.paused). */
  paused?: () => boolean;
}

/**
 * Turns what a job writes into events as it comes: its stdout and stderr into
 * `log`, each line of its progress file into `job.progress` (or a `warning`
 * naming the line, which is skipped). `stop()` delivers what is left and resolves.
 */
export function followJob(options: FollowJobOptions): { stop(): Promise<void> } {
  const { files, emitter, jobId } = options;
  const controller = new AbortController();
  let warnings = 0;
  const sink: JobSink = {
    log(stream, text) {
      options.onOutput?.();
      emitter.emit({ type: "log", stream, text });
    },
    progressLine(line, number) {
      if (line.trim() === "") return;
      options.onOutput?.();
      const parsed = parseProgressLine(line);
      if ("progress" in parsed) {
        emitter.emit({ type: "job.progress", jobId, ...parsed.progress });
        return;
      }
      if (++warnings > MAX_WARNINGS) return;
      const more = warnings === MAX_WARNINGS ? " Further malformed lines are skipped without a warning." : "";
      emitter.emit({
        type: "warning",
        code: "PROGRESS_LINE_INVALID",
        message: `Skipped line ${number} of the progress file: ${parsed.problem}. Each line must be a JSON object such as {"step": 1, "total": 10, "metrics": {"loss": 0.5}}.${more}`,
        file: files.progress,
        line: number,
      });
    },
  };
  let rewritten = false;
  const onRewrite = () => {
    if (rewritten) return;
    rewritten = true;
    emitter.emit({
      type: "warning",
      code: "PROGRESS_FILE_REWRITTEN",
      message: "The progress file got shorter: it was rewritten, and reports written over others are lost. Append to it, one line per report.",
      file: files.progress,
    });
  };
  const done = options.follow ? options.follow(sink, controller.signal) : followJobFiles(files, sink, controller.signal, options.from, onRewrite, { paused: options.paused });
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}

/** How the built-in backends follow a job: the files it writes in its folder, as `tail -f` would. */
export async function followJobFiles(
  files: { stdout: string; stderr: string; progress: string },
  sink: JobSink,
  signal: AbortSignal,
  from: { stdout?: number; stderr?: number; progress?: number } = {},
  /** Told when the progress file was rewritten rather than appended to. */
  onRewrite?: () => void,
  follow: FollowOptions = {},
): Promise<void> {
  const progress = lineSplitter((line, number) => sink.progressLine(line, number));
  await followFiles(
    [
      { path: files.stdout, from: from.stdout, onText: (text) => sink.log("stdout", text) },
      { path: files.stderr, from: from.stderr, onText: (text) => sink.log("stderr", text) },
      { path: files.progress, from: from.progress, onText: (text) => progress.push(text), onRewrite },
    ],
    signal,
    follow,
  );
  progress.flush();
}
