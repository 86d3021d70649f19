import path from "node:path";
import { DEFAULT_ENTRY, displayPath, TRAINING_STATUSES, type ArkorEvent, type EventListener, type EventOf } from "@arkor/core";
import { summaryLines } from "create-arkor/summary";
import type { Colors } from "./colors.js";
import { formatBuildMessages } from "./formatBuildMessages.js";
import { jobsTable } from "./jobsTable.js";
import { progressLine } from "./progressLine.js";
import { timeAgo } from "./timeAgo.js";

export interface TextSink {
  write(text: string): void;
  /** A terminal, where progress is one line redrawn in place. */
  isTTY: boolean;
  columns?: number;
}

export interface TextReporterOptions {
  cwd: string;
  stdout: TextSink;
  stderr: TextSink;
  colors: Colors;
  /** Only errors (and the trainer's own output): `-q`/`--silent`. */
  silent?: boolean;
  /** How often a piped progress line may be printed. */
  pipedProgressEveryMs?: number;
}

/** Renders events for a person at a terminal: the lines the spec names, progress, and errors on stderr. */
export function textReporter(options: TextReporterOptions): EventListener {
  const { cwd, stdout, stderr, colors, silent = false } = options;
  const everyMs = options.pipedProgressEveryMs ?? 5000;
  const shown = (file: string) => displayPath(cwd, file);
  let jobStartedAt = 0;
  let lastProgress: EventOf<"job.progress"> | undefined;
  let progressPrintedAt = 0;
  let printedProgress: EventOf<"job.progress"> | undefined;
  let progressOnScreen = false;
  let cancelTimeoutMs = 0;
  let watching = false;
  /** Jobs said to be queued: their start is said too. */
  const queued = new Set<string>();
  /** A failed build's lone error, said by the `error` event that follows, or (in watch mode, where none follows) by watch.ready. */
  let unsaidFailure: string | undefined;

  /**
   * Where output left a line unfinished (a job's `print(..., end="")`, a tqdm bar redrawn with \r):
   * arkor's own lines start on a new line, and no progress line is drawn over it. At a terminal
   * stdout and stderr share one screen, so one unfinished line holds for both.
   */
  const sameScreen = stdout.isTTY && stderr.isTTY;
  const unfinished = new Set<TextSink>();
  const isUnfinished = (sink: TextSink) => (sameScreen ? unfinished.size > 0 : unfinished.has(sink));
  const note = (sink: TextSink, text: string) => {
    if (text === "") return;
    if (sameScreen) unfinished.clear();
    else unfinished.delete(sink);
    if (!text.endsWith("\n")) unfinished.add(sink);
  };
  /** Output that is not arkor's own (a `log` event): written as it came. */
  const passThrough = (sink: TextSink, text: string) => {
    const redraw = progressOnScreen;
    if (redraw) clearProgress();
    sink.write(text);
    note(sink, text);
    if (redraw && text.endsWith("\n") && !isUnfinished(sink)) drawProgress();
  };
  /** arkor's own text: on a line of its own. Anything written while a progress line is drawn first clears it, then redraws it after. */
  const print = (sink: TextSink, text: string) => {
    if (isUnfinished(sink)) passThrough(sink, "\n");
    passThrough(sink, text);
  };
  const clearProgress = () => {
    if (!progressOnScreen) return;
    stderr.write("\r\u001b[2K");
    progressOnScreen = false;
  };
  const drawProgress = () => {
    if (!lastProgress || isUnfinished(stderr)) return;
    stderr.write(`\r\u001b[2K${progressLine(lastProgress, Date.now() - jobStartedAt, { bar: true, width: stderr.columns })}`);
    progressOnScreen = true;
  };
  /** The last progress as a plain line, when piped and not printed yet. */
  const flushPipedProgress = () => {
    // By what was printed, not by time: reports in the same millisecond as the printed one are still new.
    if (stderr.isTTY || !lastProgress || printedProgress === lastProgress) return;
    print(stderr, `progress ${progressLine(lastProgress, lastProgress.time - jobStartedAt, { bar: false })}\n`);
    progressPrintedAt = lastProgress.time;
    printedProgress = lastProgress;
  };
  const info = (sink: TextSink, text: string) => {
    if (!silent) print(sink, text);
  };

  const render: { [T in ArkorEvent["type"]]?: (event: EventOf<T>) => void } = {
    "build.end"(event) {
      const width = stderr.columns;
      if (!silent && event.warnings.length > 0) print(stderr, formatBuildMessages(event.warnings, "warning", colors.enabled, width));
      // A lone error without a location (a missing entry, a plugin's throw) is said by the `error` line alone.
      const framed = event.errors.length > 1 || event.errors.some((message) => message.file !== undefined);
      if (framed) print(stderr, formatBuildMessages(event.errors, "error", colors.enabled, width));
      unsaidFailure = !event.ok && !framed ? event.errors[0]?.text : undefined;
      if (event.ok && event.entry) {
        info(stdout, `Built ${shown(event.entry)} → ${shown(event.outFile)} (${formatBytes(event.bytes)}) in ${Math.round(event.durationMs)} ms\n`);
      }
    },
    "artifact.stale"(event) {
      const listed = (files: string[], what: string) => {
        if (files.length === 0) return [];
        const names = files.map(shown);
        return [`${names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ")} ${what}`];
      };
      const what = [...listed(event.changed, "changed"), ...listed(event.removed ?? [], "removed")].join(", ");
      info(
        stderr,
        `${colors.yellow("warning:")} ${shown(event.artifact)} is older than its sources (${what} since the build); running it as it is. Rebuild with arkor build, or arkor start <entry>.\n`,
      );
    },
    "run.start"(event) {
      // A trainer may report progress from start(), before it has a job: the clock starts here.
      jobStartedAt = event.time;
      lastProgress = undefined;
      // A reused build of another entry than the default: said first, so nobody runs an old experiment unawares.
      if (event.builtAt !== undefined && event.entry !== undefined && shown(event.entry) !== DEFAULT_ENTRY) {
        info(stderr, `Running the build of ${shown(event.entry)} (built ${timeAgo(event.time - event.builtAt)})\n`);
      }
      // Said to a person at a terminal; a program has the event's field.
      if (event.envFiles && stderr.isTTY) info(stderr, colors.dim(`Environment from ${event.envFiles.map(shown).join(", ")}\n`));
    },
    "job.started"(event) {
      // Attaching to a job that started earlier (arkor jobs wait): its clock, and no "Started" line.
      if (event.startedAt !== undefined) {
        jobStartedAt = event.startedAt;
        const at = new Date(event.startedAt);
        const clockTime = [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, "0")).join(":");
        info(stderr, colors.dim(`Following job ${event.jobId}, started at ${clockTime}; Ctrl-C stops following, not the job.\n`));
        return;
      }
      jobStartedAt ||= event.time;
      info(stdout, `Started job ${event.jobId}\n`);
    },
    "job.submitted"(event) {
      const where = event.backend === "local" ? `as process ${event.backendId}` : `to ${event.backend} as job ${event.backendId}`;
      info(stderr, colors.dim(`Submitted ${commandLine(event.command)} ${where}; its logs and progress are in ${shown(event.dir)}/\n`));
    },
    "job.status"(event) {
      if (event.status === "queued") {
        queued.add(event.jobId);
        info(stderr, colors.dim(`Job ${event.jobId} is queued${event.reason ? ` (${event.reason})` : ""}.\n`));
      } else if (queued.delete(event.jobId)) {
        info(stderr, colors.dim(`Job ${event.jobId} is running${event.node ? ` on ${event.node}` : ""}.\n`));
      }
    },
    warning(event) {
      info(stderr, `${colors.yellow("warning:")} ${event.message}\n`);
    },
    "job.progress"(event) {
      jobStartedAt ||= event.time;
      // A report updates what it names and keeps the rest: "saving checkpoint" after step 100 keeps 100/100 and the loss.
      lastProgress = lastProgress ? { ...lastProgress, ...event, metrics: { ...lastProgress.metrics, ...event.metrics } } : event;
      if (silent) return;
      if (stderr.isTTY) drawProgress();
      else if (event.time - progressPrintedAt >= everyMs) flushPipedProgress();
    },
    log(event) {
      passThrough(event.stream === "stdout" ? stdout : stderr, event.text);
    },
    "cancel.requested"(event) {
      if (event.reason === "host-gone") return;
      cancelTimeoutMs = event.timeoutMs;
      const by = { SIGINT: " (SIGINT)", SIGTERM: " (SIGTERM)", stdin: " (a cancel request on stdin)", crash: " (the trainer crashed)", request: "" }[event.reason] ?? "";
      const hint = event.reason === "SIGINT" || event.reason === "SIGTERM" ? " Press Ctrl-C again to exit now." : "";
      const what = event.jobId
        ? `job ${event.jobId}${by}; waiting up to ${event.timeoutMs / 1000}s for it to stop`
        : `the run${by} before start() returned a job; waiting up to ${event.timeoutMs / 1000}s for start() to settle`;
      print(stderr, `Cancelling ${what}.${hint}\n`);
    },
    "job.finished"(event) {
      if (!silent) flushPipedProgress();
      // The last progress (final loss and all) stays on the screen, as a piped run prints it.
      if (progressOnScreen) {
        stderr.write("\n");
        progressOnScreen = false;
      }
      if (event.timedOut) print(stderr, `Job ${event.jobId} did not stop within ${cancelTimeoutMs / 1000}s; exiting without waiting further.\n`);
      else if (event.crash) {
        // One line, the last one, agreeing with the exit code: never "finished with status=completed" first.
        const { message, file, line, column } = event.crash;
        const at = file ? ` (at ${file}:${line}:${column})` : "";
        print(stderr, `${colors.red("error:")} Job ${event.jobId} ${event.status}, but the trainer crashed afterwards: ${message}${at}\n`);
        return;
      } else info(stdout, `Job ${event.jobId} finished with status=${event.status}\n`);
      if (event.message !== undefined && !event.cancelled) print(stderr, `${colors.red("error:")} job ${event.jobId} ${event.status}: ${event.message}.\n`);
      // A status of the trainer's own (succeeded, done) exits 1 like a failure: say why, or it looks like a success.
      else if (!event.cancelled && !event.timedOut && event.exitCode !== 0 && !(TRAINING_STATUSES as readonly string[]).includes(event.status)) {
        const others = TRAINING_STATUSES.filter((status) => status !== "completed").join(", ");
        print(stderr, `${colors.red("error:")} job ${event.jobId} ended with status=${event.status}, which is not success: only "completed" is (arkor also knows ${others}).\n`);
      }
    },
    "job.detached"(event) {
      const id = event.jobId;
      info(stderr, `The job goes on in the background. Follow it: arkor jobs logs ${id} --follow · wait for it: arkor jobs wait ${id} · stop it: arkor jobs cancel ${id}\n`);
    },
    jobs(event) {
      info(stdout, jobsTable(event, colors));
    },
    "jobs.pruned"(event) {
      const count = event.removed.length;
      info(stdout, `Removed ${count} ended job${count === 1 ? "" : "s"}${count > 0 ? ` (${formatBytes(event.freedBytes)})` : ""}; ${event.kept} kept.\n`);
    },
    error(event) {
      unsaidFailure = undefined;
      clearProgress();
      if (event.code === "INTERNAL") {
        print(stderr, `${colors.red("internal error:")} ${event.message}\n${event.stack ?? ""}\n`);
        print(stderr, "This is a bug in arkor. Please report it with the output above (set ARKOR_DEBUG=1 for more detail).\n");
        return;
      }
      print(stderr, `${colors.red("error:")} ${event.message}\n${event.stack ? `${event.stack}\n` : ""}`);
    },
    "watch.ready"(event) {
      // A rebuild that failed without a location (a plugin's throw, a full disk) has no error event of its own.
      if (unsaidFailure !== undefined) print(stderr, `${colors.red("error:")} ${unsaidFailure}\n`);
      unsaidFailure = undefined;
      // Once: every rebuild's own line says the rest.
      if (watching) return;
      watching = true;
      info(stderr, colors.dim(`Watching ${event.inputs} file${event.inputs === 1 ? "" : "s"} for changes; press Ctrl-C to stop.\n`));
    },
    "studio.ready"(event) {
      const taken = event.portTaken === undefined ? "" : ` (port ${event.portTaken} is taken; using ${event.port})`;
      print(stdout, `arkor Studio: ${event.url}${taken}\n`);
    },
    manifest(event) {
      info(stdout, manifestSummary(event, shown));
    },
    init(event) {
      info(stdout, `${summaryLines({ ...event, relativeDir: path.resolve(event.dir) === path.resolve(cwd) ? "." : shown(event.dir) }).join("\n")}\n`);
    },
    end() {
      clearProgress();
    },
  };

  return (event) => (render[event.type] as ((event: ArkorEvent) => void) | undefined)?.(event);
}

/** 12.3 kB, as tsup and vite print sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

function manifestSummary(event: EventOf<"manifest">, shown: (file: string) => string): string {
  const { manifest } = event;
  if (!manifest) return event.artifactExists ? "The artifact has no manifest (built by an older arkor or a bundler plugin that writes none).\n" : "No build yet: run arkor build.\n";
  const lines = [
    `entry      ${manifest.entry}`,
    `artifact   ${manifest.artifact.path} (${formatBytes(manifest.artifact.bytes)}, sha256 ${manifest.artifact.sha256.slice(0, 12)}…)`,
    `built      ${manifest.builtAt} by ${manifest.bundler}, arkor ${manifest.arkorVersion}`,
    `trainer    ${manifest.trainerExport ? `export ${manifest.trainerExport}` : manifest.exports ? "no trainer export found" : "unknown (the bundler did not report exports)"}${event.trainerName ? ` (${event.trainerName})` : ""}`,
    `inputs     ${manifest.inputs ? `${manifest.inputs.length} files` : "unknown (the bundler did not report them)"}`,
    `stale      ${event.stale ? "yes" : "no"}`,
    ...event.changed.map((file) => `  changed  ${shown(file)}`),
    ...event.removed.map((file) => `  removed  ${shown(file)}`),
    ...event.added.map((file) => `  added    ${shown(file)}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** A command as a shell would take it, cut short past 80 characters: `python3 train.py --epochs 200`. */
function commandLine(command: string[]): string {
  const line = command.map((part) => (/^[\w./:=@%+,-]+$/.test(part) ? part : JSON.stringify(part))).join(" ");
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
