#!/usr/bin/env node
// Measures what `arkor start` costs on top of plain Node when the artifact
// exists: the contract is that it stays close to importing the artifact
// directly. Prints medians and the ratio; both commands run in the same loop,
// interleaved, so machine noise hits them alike.
//
//   node scripts/bench-start.mjs [runs=20]
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, "packages/arkor/dist/cli.js");
const runs = Number(process.argv[2] ?? 20);

const project = mkdtempSync(path.join(os.tmpdir(), "arkor-bench-"));
cpSync(path.join(root, "fixtures/trainers"), project, { recursive: true });
mkdirSync(path.join(project, "node_modules"));
symlinkSync(path.join(root, "packages/arkor"), path.join(project, "node_modules/arkor"), "dir");

const baseline = [
  "--input-type=module",
  "-e",
  'const m = await import("./.arkor/build/index.mjs"); const t = m.arkor.trainer; await t.start(); await t.wait();',
];
const commands = { "node (baseline)": baseline, "arkor start": [bin, "start"] };

function time(args) {
  const started = process.hrtime.bigint();
  const { status } = spawnSync(process.execPath, args, { cwd: project, stdio: "ignore" });
  if (status !== 0) throw new Error(`${args.join(" ")} exited ${status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

try {
  if (spawnSync(process.execPath, [bin, "build"], { cwd: project }).status !== 0) throw new Error("arkor build failed");
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const ms = time(args);
      if (i >= 2) samples[name].push(ms); // the first two warm the disk cache
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  for (const [name, ms] of Object.entries(medians)) console.log(`${name.padEnd(16)} median ${ms.toFixed(1)} ms over ${runs} runs`);
  console.log(`ratio arkor start / baseline: ${(medians["arkor start"] / medians["node (baseline)"]).toFixed(2)}`);
} finally {
  rmSync(project, { recursive: true, force: true });
}
