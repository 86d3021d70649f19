#!/usr/bin/env node
// A/B: the same arkor commands from two builds of arkor, interleaved in one
// loop, so an optimisation is measured against the build just before it
// (docs/performance.md, "What each optimisation bought"). Ratios are
// this checkout's over the other's, per pair of runs, then their median.
//
//   node scripts/bench/ab.mjs --before <other checkout> [--after <checkout>] [--runs N] [--only <regexp>]
//
// --after defaults to this checkout. Each must be built (`pnpm build` there); a
// git worktree of an older commit does: `git worktree add ../before <commit>`, install, build.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { arkorBin } from "../arkorBin.mjs";
import { median, runProcess } from "./measure.mjs";
import { createProjects } from "./projects.mjs";

const { values: flags } = parseArgs({ options: { before: { type: "string" }, after: { type: "string" }, runs: { type: "string" }, only: { type: "string" } } });
const after = path.resolve(flags.after ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../.."));
if (!flags.before) {
  console.error("error: say which build to compare with: --before <path of another arkor checkout, built>.");
  process.exit(1);
}
const before = path.resolve(flags.before);
const runs = Number(flags.runs ?? 15);
const only = flags.only ? new RegExp(flags.only) : null;
for (const root of [before, after]) {
  if (!existsSync(binOf(root))) {
    console.error(`error: ${binOf(root)} is missing. Run pnpm build in ${root} first.`);
    process.exit(1);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "arkor-ab-"));
try {
  // Each build gets its own projects, whose node_modules/arkor is that build's: an artifact imports the arkor it was built with.
  const projects = { before: createProjects(path.join(tmp, "before"), before), after: createProjects(path.join(tmp, "after"), after) };
  for (const side of ["before", "after"]) {
    for (const name of ["small", "1000", "5000"]) runProcess(process.execPath, [binOf(side === "before" ? before : after), "build"], projects[side][name]);
  }
  console.log(`Node ${process.version}, ${runs} runs per side; before: ${before}, after: ${after}`);
  const commands = [
    ["--version", ["--version"], "small"],
    ["--help", ["--help"], "small"],
    ...["small", "1000", "5000"].flatMap((name) => [
      [`build ${name}`, ["build"], name],
      [`start ${name}`, ["start"], name],
    ]),
  ].filter(([label]) => !only || only.test(label));
  for (const [label, args, project] of commands) {
    const run = (side) => runProcess(process.execPath, [binOf(side === "before" ? before : after), ...args], projects[side][project]);
    run("before");
    run("after");
    const samples = { before: [], after: [] };
    for (let index = 0; index < runs; index++) {
      for (const side of index % 2 ? ["after", "before"] : ["before", "after"]) samples[side].push(run(side));
    }
    console.log(`${label.padEnd(14)} ${column(samples, "ms", "wall")}  ${column(samples, "cpuMs", "CPU")}  ${column(samples, "rssKb", "RSS", 1024, "MB")}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function binOf(root) {
  return arkorBin(root);
}

/** `wall 140 → 121 ms (0.86×)`: the medians of each side and the median of the per-pair ratios. */
function column(samples, key, name, scale = 1, unit = "ms") {
  if (samples.after.some((sample) => sample[key] === null)) return `${name} –`;
  const value = (side) => (median(samples[side].map((sample) => sample[key])) / scale).toFixed(0);
  const ratio = median(samples.after.map((sample, index) => sample[key] / samples.before[index][key]));
  return `${name} ${value("before")} → ${value("after")} ${unit} (${ratio.toFixed(2)}×)`;
}
