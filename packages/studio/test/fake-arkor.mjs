#!/usr/bin/env node
// Stands in for the arkor bin in the Studio's unit tests: prints NDJSON as
// `arkor start|build --watch|manifest --json --cwd <dir>` does, so the
// server's logic is tested without a real build. `<dir>/fake.json` picks how:
// { "long": true } keeps the run going until SIGTERM; { "watchFails": true } makes
// the watcher exit at once with an error; { "inspectFails": true } fails `manifest --inspect`;
// { "cancelFails": true } makes `jobs cancel` fail as for a backend not available here;
// { "inspectHangs": true } keeps `manifest --inspect` running until SIGTERM.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [command] = process.argv.slice(2);
const cwd = process.argv[process.argv.indexOf("--cwd") + 1];
const mode = existsSync(path.join(cwd, "fake.json")) ? JSON.parse(readFileSync(path.join(cwd, "fake.json"), "utf8")) : {};
mkdirSync(path.join(cwd, "pids"), { recursive: true });
writeFileSync(path.join(cwd, "pids", `${command}-${process.pid}`), "");
// What it was asked, for the tests to check the command line the Studio built.
writeFileSync(path.join(cwd, `args-${command}.json`), JSON.stringify(process.argv.slice(2)));

let seq = 0;
const emit = (body) => process.stdout.write(`${JSON.stringify({ v: 1, seq: seq++, time: Date.now(), ...body })}\n`);
const end = (exitCode) => {
  emit({ type: "end", exitCode });
  process.exitCode = exitCode;
};

if (command === "jobs" && mode.cancelFails) {
  // `arkor jobs cancel <id>` that cannot reach the job's backend.
  emit({ type: "error", code: "INVALID_OPTION", message: "Job x cannot be stopped from here: its backend echo is not available. Stop it where it runs." });
  end(2);
} else if (command === "jobs") {
  emit({ type: "cancel.requested", reason: "request", jobId: process.argv[4], timeoutMs: 10000 });
  emit({ type: "job.finished", jobId: process.argv[4], status: "cancelled", exitCode: 1, cancelled: true });
  end(0);
} else if (command === "manifest" && mode.inspectHangs && process.argv.includes("--inspect")) {
  // An inspect that is still importing the trainer when the Studio closes: it ends on SIGTERM, with no manifest.
  const timer = setInterval(() => {}, 1000);
  process.on("SIGTERM", () => {
    clearInterval(timer);
    process.exitCode = 143;
  });
} else if (command === "manifest" && mode.inspectFails && process.argv.includes("--inspect")) {
  emit({ type: "error", code: "NO_TRAINER_EXPORT", message: "No trainer found in .arkor/build/index.mjs. Export one." });
  end(1);
} else if (command === "manifest") {
  emit({ type: "manifest", manifest: null, artifactExists: false, stale: false, changed: [], added: [], removed: [] });
  end(0);
} else if (command === "build" && mode.watchFails) {
  emit({ type: "error", code: "CONFIG_ERROR", message: "arkor.config.ts failed to load: boom. Fix the config." });
  end(1);
} else if (command === "build") {
  emit({ type: "build.start" });
  emit({ type: "build.end", ok: true, entry: path.join(cwd, "src/arkor/index.ts"), outFile: path.join(cwd, ".arkor/build/index.mjs"), durationMs: 5, bytes: 10, sha256: "ab", warnings: [], errors: [] });
  emit({ type: "watch.ready", inputs: 1 });
  const timer = setInterval(() => {}, 1000);
  process.on("SIGTERM", () => {
    clearInterval(timer);
    process.exitCode = 143;
  });
} else if (command === "start") {
  let timer;
  if (mode.long) {
    timer = setInterval(() => {}, 1000);
    process.on("SIGTERM", () => {
      emit({ type: "cancel.requested", reason: "SIGTERM", jobId: "job-1", timeoutMs: 10000 });
      writeFileSync(path.join(cwd, "cancelled"), "SIGTERM");
      emit({ type: "job.finished", jobId: "job-1", status: "cancelled", exitCode: 1, cancelled: true });
      clearInterval(timer);
      end(143);
    });
  }
  emit({ type: "run.start", artifact: path.join(cwd, ".arkor/build/index.mjs"), sha256: "ab", export: "arkor" });
  emit({ type: "job.started", jobId: "job-1" });
  for (let step = 1; step <= 3; step++) emit({ type: "job.progress", step, total: 3, metrics: { loss: 1 / step } });
  // A grandchild's raw output, and an event split across two writes.
  process.stdout.write("raw output of a grandchild\n");
  const split = JSON.stringify({ v: 1, seq: seq++, time: Date.now(), type: "log", stream: "stdout", text: "split line\n" });
  process.stdout.write(split.slice(0, 10));
  setTimeout(() => {
    process.stdout.write(`${split.slice(10)}\n`);
    if (!mode.long) {
      emit({ type: "job.finished", jobId: "job-1", status: "completed", exitCode: 0, cancelled: false });
      end(0);
    }
  }, 20);
}
