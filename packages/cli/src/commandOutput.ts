import { createEmitter, forcedExitEvents, hostGoneCancellation, stdinCancellation, type CancelSignal, type Emitter } from "@arkor/core";
import { fstatSync } from "node:fs";
import { createRequire } from "node:module";
import type { ArkorContext } from "./context.js";
import { colorsEnabled, createColors } from "./reporters/colors.js";
import { jsonReporter } from "./reporters/jsonReporter.js";
import { textReporter, type TextSink } from "./reporters/textReporter.js";

export interface CommandOutputOptions {
  cwd: string;
  json: boolean;
  silent: boolean;
  /** Read `{"type":"cancel"}` lines from stdin (`--json` commands that run or watch). */
  cancelOnStdin?: boolean;
  /**
   * Also stop when a piped stdin reaches its end: the host that started us is
   * gone, even if it died without a word (`build --watch` under `arkor dev`).
   */
  stopOnStdinEnd?: boolean;
}

export interface CommandOutput {
  emitter: Emitter;
  /** Aborted when the host goes away (stdout or stderr closed) or asks to cancel on stdin. */
  signal: AbortSignal;
  /** Says so, as events, before a second signal exits the process. */
  onForcedExit(signal: CancelSignal): void;
  /** Stops reading stdin and listening to the streams. */
  close(): void;
}

/**
 * Where a command's events go: the text reporter, or NDJSON with `--json`.
 * The reporters write with the streams' own write functions, taken before
 * any capture, so a captured console.log never loops back into them.
 */
export function createCommandOutput(context: ArkorContext, options: CommandOutputOptions): CommandOutput {
  const controller = new AbortController();
  const closed = new Set<string>();
  const sinkOf = (stream: NodeJS.WritableStream, name: "stdout" | "stderr"): TextSink => {
    const write = stream.write.bind(stream) as (text: string) => boolean;
    // The reader went away (`arkor start | head -1`): stop writing, and cancel the job as the host is gone.
    // (EPIPE, or any other error: either way nothing more can be written there.)
    stream.on?.("error", () => {
      closed.add(name);
      if (!controller.signal.aborted) controller.abort(hostGoneCancellation(name));
    });
    const tty = stream as Partial<NodeJS.WriteStream>;
    return {
      write: (text) => void (closed.has(name) || write(text)),
      isTTY: tty.isTTY === true,
      get columns() {
        return tty.columns;
      },
    };
  };
  const stdout = sinkOf(context.stdout, "stdout");
  const stderr = sinkOf(context.stderr, "stderr");
  const listener = options.json
    ? jsonReporter(stdout.write)
    : textReporter({ cwd: options.cwd, stdout, stderr, colors: createColors(colorsEnabled(context.stdout, context.env)), silent: options.silent });
  const emitter = createEmitter(listener);
  const stopReading = options.json && options.cancelOnStdin ? readCancelRequests(context.stdin, controller, options.stopOnStdinEnd === true) : () => {};
  return {
    emitter,
    signal: controller.signal,
    onForcedExit: forcedExitEvents(emitter),
    close: stopReading,
  };
}

/**
 * A host that cannot send signals writes `{"type":"cancel"}` as a line: the
 * same as SIGTERM. Closing stdin alone cancels nothing, unless `stopOnEnd`
 * and stdin is a pipe or socket (not /dev/null, a file or a terminal, whose
 * end says nothing about the host).
 */
function readCancelRequests(stdin: NodeJS.ReadableStream, controller: AbortController, stopOnEnd: boolean): () => void {
  // Loaded here: only `--json` runs read stdin, and readline is a few modules of Node's own.
  const { createInterface } = createRequire(import.meta.url)("node:readline") as typeof import("node:readline");
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    let request: { type?: unknown } | undefined;
    try {
      request = JSON.parse(line) as { type?: unknown };
    } catch {
      return;
    }
    if (request?.type === "cancel" && !controller.signal.aborted) controller.abort(stdinCancellation());
  });
  let closing = false;
  if (stopOnEnd && isPipe(stdin)) {
    lines.on("close", () => {
      if (!closing && !controller.signal.aborted) controller.abort(hostGoneCancellation("stdin"));
    });
  }
  // Reading stdin must not keep the process alive once the command is done.
  (stdin as Partial<NodeJS.ReadStream>).unref?.();
  return () => {
    closing = true;
    lines.close();
    (stdin as Partial<NodeJS.ReadStream>).destroy?.();
  };
}

function isPipe(stdin: NodeJS.ReadableStream): boolean {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== "number") return false;
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
