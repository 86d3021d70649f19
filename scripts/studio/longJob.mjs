// Writes a finished job into a project's store as arkor records one, with a
// long log and many progress points: what the Studio must open quickly
// (issue 18: 100,000 log lines and 50,000 points in under a second).
//
//   node scripts/studio/longJob.mjs <project> [--lines N] [--points N] [--kind command|orphan|trainer]
//
// `command`: a local command job (its stdout.log, stderr.log and progress.ndjson,
// and, as arkor records them, the same output as events in events.ndjson);
// `orphan`: the same job whose arkor process was killed at its start (so only
// its own files hold its output); `trainer`: a hand-written trainer's run
// (everything in events.ndjson).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

/** Writes the job; returns its id. Every 10th log line goes to stderr. */
export function writeLongJob(cwd, { lines = 100_000, points = 50_000, kind = "command", id = `20261206-120000-${kind}` } = {}) {
  const files = kind !== "trainer";
  const recorded = kind !== "orphan";
  const dir = path.join(cwd, ".arkor", "jobs", id);
  mkdirSync(dir, { recursive: true });
  const started = Date.parse("2026-12-06T12:00:00.000Z");
  const stdout = [];
  const stderr = [];
  const events = [];
  const line = (index) => `step ${index + 1}: loss=${(1 / (index + 1)).toFixed(6)} lr=0.001 tokens/s=${40_000 + (index % 977)}`;
  for (let index = 0; index < lines; index++) {
    const stream = index % 10 === 9 ? "stderr" : "stdout";
    const text = `${line(index)}\n`;
    (stream === "stderr" ? stderr : stdout).push(text);
    if (recorded) events.push({ type: "log", stream, text });
  }
  const progress = [];
  for (let step = 1; step <= points; step++) {
    const report = { step, total: points, metrics: { loss: 2 / Math.sqrt(step) + 0.05 * Math.sin(step / 50), accuracy: 1 - 1 / Math.sqrt(step) } };
    if (recorded) events.push({ type: "job.progress", jobId: id, ...report });
    if (files) progress.push(`${JSON.stringify(report)}\n`);
  }
  const ended = new Date(started + 3_600_000).toISOString();
  const envelope = (body, seq) => JSON.stringify({ v: 1, seq, time: started + seq, ...body });
  const all = [
    { type: "run.start", artifact: path.join(cwd, ".arkor/build/index.mjs"), sha256: "0".repeat(64), export: "arkor", name: "long-run", recordId: id },
    { type: "job.started", jobId: id },
    ...events,
    ...(recorded ? [{ type: "job.finished", jobId: id, status: "completed", exitCode: 0, cancelled: false }, { type: "end", exitCode: 0 }] : []),
  ];
  writeFileSync(path.join(dir, "events.ndjson"), `${all.map(envelope).join("\n")}\n`);
  if (files) {
    writeFileSync(path.join(dir, "stdout.log"), stdout.join(""));
    writeFileSync(path.join(dir, "stderr.log"), stderr.join(""));
    writeFileSync(path.join(dir, "progress.ndjson"), progress.join(""));
  }
  const record = {
    schemaVersion: 1,
    id,
    jobId: id,
    trainer: "long-run",
    export: "arkor",
    entry: "src/arkor/index.ts",
    artifact: ".arkor/build/index.mjs",
    sha256: "0".repeat(64),
    ...(files && { backend: "local", backendId: "4242", command: ["python3", "train.py"], handle: { id, dir, pid: 4242, host: os.hostname() } }),
    ...(recorded ? { status: "completed", exitCode: 0 } : { status: "lost", exitCode: 1, message: "the arkor process that ran it (pid 4241) is gone, and recorded no end" }),
    createdAt: new Date(started).toISOString(),
    startedAt: new Date(started).toISOString(),
    endedAt: ended,
    // A start time no process has: the owner is gone, whatever runs as pid 4241 now.
    owner: { pid: 4241, startTime: "1", host: os.hostname() },
  };
  writeFileSync(path.join(dir, "job.json"), `${JSON.stringify(record, null, 2)}\n`);
  return id;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { lines: { type: "string" }, points: { type: "string" }, kind: { type: "string" } } });
  if (positionals.length !== 1) {
    console.error("usage: node scripts/studio/longJob.mjs <project> [--lines N] [--points N] [--kind command|orphan|trainer]");
    process.exit(2);
  }
  const id = writeLongJob(path.resolve(positionals[0]), { lines: Number(values.lines ?? 100_000), points: Number(values.points ?? 50_000), kind: values.kind ?? "command" });
  console.log(id);
}
