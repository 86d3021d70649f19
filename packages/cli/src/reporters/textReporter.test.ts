import { createEmitter, type ArkorEventBody } from "@arkor/core";
import { describe, expect, it, vi } from "vitest";
import { colorsEnabled, createColors } from "./colors.js";
import { textReporter, type TextSink } from "./textReporter.js";

function sink(isTTY: boolean): TextSink & { writes: string[] } {
  const writes: string[] = [];
  return { writes, isTTY, columns: isTTY ? 200 : undefined, write: (text) => void writes.push(text) };
}

/** Emits the events through a text reporter, each at the given time (ms after the first). */
function render(isTTY: boolean, timed: [number, ArkorEventBody][], options: { silent?: boolean } = {}) {
  const stdout = sink(isTTY);
  const stderr = sink(isTTY);
  const emitter = createEmitter(textReporter({ cwd: "/project", stdout, stderr, colors: createColors(false), silent: options.silent }));
  const now = vi.spyOn(Date, "now");
  try {
    for (const [time, body] of timed) {
      now.mockReturnValue(1_000_000 + time);
      emitter.emit(body);
    }
  } finally {
    now.mockRestore();
  }
  return { stdout: stdout.writes, stderr: stderr.writes };
}

/** A job of `steps` steps, one report a second, then its end. */
function job(steps: number): [number, ArkorEventBody][] {
  return [
    [0, { type: "job.started", jobId: "j" }],
    ...Array.from({ length: steps }, (_, index): [number, ArkorEventBody] => [
      (index + 1) * 1000,
      { type: "job.progress", jobId: "j", step: index + 1, total: steps, metrics: { loss: 1 / (index + 1) } },
    ]),
    [steps * 1000, { type: "job.finished", jobId: "j", status: "completed", exitCode: 0, cancelled: false }],
    [steps * 1000, { type: "end", exitCode: 0 }],
  ];
}

describe("textReporter: progress", () => {
  it("piped: a plain line at most every 5 s of the job's own clock, and the last one at the end", () => {
    const { stdout, stderr } = render(false, job(12));
    expect(stderr).toEqual([
      "progress 1/12 · 8% · 0:01 elapsed · ETA 0:11 · loss=1\n",
      "progress 6/12 · 50% · 0:06 elapsed · ETA 0:06 · loss=0.16667\n",
      "progress 11/12 · 91% · 0:11 elapsed · ETA 0:01 · loss=0.090909\n",
      "progress 12/12 · 100% · 0:12 elapsed · loss=0.083333\n",
    ]);
    expect(stdout).toEqual(["Started job j\n", "Job j finished with status=completed\n"]);
  });

  it("piped: reports in the same millisecond as the printed one are still printed at the end, merged", () => {
    const { stderr } = render(false, [
      [0, { type: "run.start", artifact: "/project/.arkor/build/index.mjs", sha256: "x", export: "trainer" }],
      [0, { type: "job.started", jobId: "j" }],
      [1000, { type: "job.progress", jobId: "j", step: 1, total: 3, metrics: { loss: 1 } }],
      [1000, { type: "job.progress", jobId: "j", step: 3, total: 3, metrics: { loss: 0.5 } }],
      [1000, { type: "job.progress", jobId: "j", message: "saving checkpoint" }],
      [1000, { type: "job.finished", jobId: "j", status: "completed", exitCode: 0, cancelled: false }],
    ]);
    expect(stderr).toEqual(["progress 1/3 · 33% · 0:01 elapsed · ETA 0:02 · loss=1\n", "progress 3/3 · 100% · 0:01 elapsed · loss=0.5 · saving checkpoint\n"]);
  });

  it("piped: the last progress is not printed twice", () => {
    const { stderr } = render(false, job(6));
    expect(stderr).toEqual(["progress 1/6 · 16% · 0:01 elapsed · ETA 0:05 · loss=1\n", "progress 6/6 · 100% · 0:06 elapsed · loss=0.16667\n"]);
  });

  it("on a TTY: one line redrawn in place, cleared before other output and redrawn after it, and kept at the end", () => {
    const events = job(3);
    events.splice(2, 0, [1500, { type: "log", stream: "stdout", text: "epoch 1 done\n" }]);
    const { stdout, stderr } = render(true, events);
    const clear = "\r\u001b[2K";
    expect(stderr).toEqual([
      `${clear}███████░░░░░░░░░░░░░ 1/3 · 33% · 0:01 elapsed · ETA 0:02 · loss=1`,
      clear,
      // Redrawn after the log line, with the time that has passed since.
      `${clear}███████░░░░░░░░░░░░░ 1/3 · 33% · 0:02 elapsed · ETA 0:03 · loss=1`,
      `${clear}█████████████░░░░░░░ 2/3 · 66% · 0:02 elapsed · ETA 0:01 · loss=0.5`,
      `${clear}████████████████████ 3/3 · 100% · 0:03 elapsed · loss=0.33333`,
      "\n",
    ]);
    expect(stdout).toEqual(["Started job j\n", "epoch 1 done\n", "Job j finished with status=completed\n"]);
  });

  it("times progress reported from start(), before the job has an id, from run.start", () => {
    const { stderr } = render(false, [
      [0, { type: "run.start", artifact: "/project/.arkor/build/index.mjs", sha256: "x", export: "arkor" }],
      [6000, { type: "job.progress", step: 1, total: 4, metrics: { loss: 2 } }],
      [8000, { type: "job.started", jobId: "j" }],
      [8000, { type: "job.finished", jobId: "j", status: "completed", exitCode: 0, cancelled: false }],
    ]);
    expect(stderr).toEqual(["progress 1/4 · 25% · 0:06 elapsed · ETA 0:18 · loss=2\n"]);
  });

  it("a stale artifact's warning tells changed inputs from removed ones", () => {
    const { stderr } = render(false, [
      [0, { type: "artifact.stale", artifact: "/project/.arkor/build/index.mjs", changed: ["/project/src/arkor/model.ts"], removed: ["/project/data/houses.json"] }],
    ]);
    expect(stderr).toEqual([
      "warning: .arkor/build/index.mjs is older than its sources (src/arkor/model.ts changed, data/houses.json removed since the build); running it as it is. Rebuild with arkor build, or arkor start <entry>.\n",
    ]);
  });

  it("-q: no progress at all, the trainer's output still", () => {
    const events = job(12);
    events.splice(2, 0, [1500, { type: "log", stream: "stdout", text: "from the trainer\n" }]);
    expect(render(false, events, { silent: true })).toEqual({ stdout: ["from the trainer\n"], stderr: [] });
    expect(render(true, events, { silent: true })).toEqual({ stdout: ["from the trainer\n"], stderr: [] });
  });
});

describe("textReporter: failed builds", () => {
  const failed = (text: string): ArkorEventBody => ({ type: "build.end", ok: false, outFile: "/project/.arkor/build/index.mjs", durationMs: 1, bytes: 0, sha256: "", warnings: [], errors: [{ text }] });

  it("a one-off build's lone error is said once, by its error event", () => {
    const { stderr } = render(false, [
      [0, { type: "build.start" }],
      [1, failed("[plugin broken] bundle: it threw")],
      [1, { type: "error", code: "PLUGIN_FAILED", message: "[plugin broken] bundle: it threw" }],
      [1, { type: "end", exitCode: 1 }],
    ]);
    expect(stderr).toEqual(["error: [plugin broken] bundle: it threw\n"]);
  });

  it("a watched rebuild's lone error, which no error event follows, is said before watching goes on", () => {
    const { stderr } = render(false, [
      [0, { type: "build.start" }],
      [1, failed("Could not write .arkor/build/index.mjs: ENOSPC")],
      [1, { type: "watch.ready", inputs: 3 }],
      [9, { type: "build.start", changed: ["/project/src/arkor/index.ts"] }],
      [9, failed("Could not write .arkor/build/index.mjs: ENOSPC")],
      [9, { type: "watch.ready", inputs: 3 }],
    ]);
    expect(stderr).toEqual([
      "error: Could not write .arkor/build/index.mjs: ENOSPC\n",
      "Watching 3 files for changes; press Ctrl-C to stop.\n",
      "error: Could not write .arkor/build/index.mjs: ENOSPC\n",
    ]);
  });
});

describe("colorsEnabled", () => {
  const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
  const pipe = { isTTY: false } as unknown as NodeJS.WritableStream;

  it("colours a terminal, not a pipe", () => {
    expect(colorsEnabled(tty, {})).toBe(true);
    expect(colorsEnabled(pipe, {})).toBe(false);
  });

  it("never with NO_COLOR", () => {
    expect(colorsEnabled(tty, { NO_COLOR: "1" })).toBe(false);
  });

  it("FORCE_COLOR wins, both ways", () => {
    expect(colorsEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorsEnabled(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(colorsEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorsEnabled(tty, { FORCE_COLOR: "false" })).toBe(false);
  });
});

describe("textReporter: a job's unfinished lines", () => {
  it("piped: arkor's own line starts on a new line after output without one, on that stream", () => {
    const { stdout, stderr } = render(false, [
      [0, { type: "job.started", jobId: "j" }],
      [1, { type: "log", stream: "stdout", text: "no newline at the end" }],
      [2, { type: "log", stream: "stderr", text: "nor here" }],
      [3, { type: "job.finished", jobId: "j", status: "failed", exitCode: 1, cancelled: false, message: "x exited with code 3" }],
    ]);
    expect(stdout.join("")).toBe("Started job j\nno newline at the end\nJob j finished with status=failed\n");
    expect(stderr.join("")).toBe("nor here\nerror: job j failed: x exited with code 3.\n");
  });

  it("at a terminal: no progress line is drawn over a line the job left unfinished (its own \\r progress bar)", () => {
    const { stderr } = render(true, [
      [0, { type: "job.started", jobId: "j" }],
      [1000, { type: "job.progress", jobId: "j", step: 1, total: 4 }],
      [1500, { type: "log", stream: "stderr", text: "\r 40%|####      |" }],
      [2000, { type: "job.progress", jobId: "j", step: 2, total: 4 }],
      [2500, { type: "log", stream: "stderr", text: "\r100%|##########|\n" }],
      [3000, { type: "job.progress", jobId: "j", step: 3, total: 4 }],
    ]);
    const drawn = stderr.filter((text) => text.includes("/4"));
    expect(drawn.map((text) => /(\d)\/4/.exec(text)![1])).toEqual(["1", "3"]);
    // The job's bar, once left unfinished, is never cleared by arkor.
    const afterBar = stderr.slice(stderr.indexOf("\r 40%|####      |") + 1);
    expect(afterBar[0]).toBe("\r100%|##########|\n");
  });
});
