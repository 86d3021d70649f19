#!/usr/bin/env node
// The performance suite: each arkor command against the shortest script that
// does the same work (./minimal), interleaved in one loop so machine noise
// hits both alike; ratios are taken per pair of runs, then their median.
// Targets are issue 11's; docs/performance.md explains the method.
//
//   pnpm bench [--runs N] [--node 22,24] [--only <regexp>] [--out <file>]
//
// --runs (or ARKOR_BENCH_RUNS, default 15) timed runs per side after one
// warm-up; --node measures on the cached Node binaries of those majors
// (scripts/node-versions.mjs) instead of the running one; --only keeps the
// pairs whose name matches. Measures the built bin: run `pnpm build` first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { arkorBin } from "../arkorBin.mjs";
import { installNode } from "../node-versions.mjs";
import { runProcess, startWatcher, summarize } from "./measure.mjs";
import { PROGRESS_COMMAND, QUICK_COMMAND, commandProject, progressLatency, slurmSubmission, startCommandPair } from "./jobs.mjs";
import { createProjects, emptyPackage, moduleSource } from "./projects.mjs";
import { studioOpen } from "./studio.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = arkorBin(root);
const minimal = (name) => path.join(here, "minimal", name);
/** A package whose only content is an `exports` map and an empty module, as `import "arkor"` resolves one. */
const EMPTY_PACKAGE = "bench-empty-package";

const { values: flags } = parseArgs({
  options: { runs: { type: "string" }, node: { type: "string" }, only: { type: "string" }, out: { type: "string" } },
});
const runs = Number(flags.runs ?? process.env.ARKOR_BENCH_RUNS ?? 15);
const only = flags.only ? new RegExp(flags.only) : null;
const out = path.resolve(flags.out ?? path.join(root, "bench-results.json"));
if (!existsSync(bin)) {
  console.error(`error: ${path.relative(root, bin)} is missing. Run \`pnpm build\` first, then \`pnpm bench\`.`);
  process.exit(1);
}

const nodes = flags.node ? flags.node.split(",").map((major) => installNode(major.trim())) : [process.execPath];
const tmp = mkdtempSync(path.join(os.tmpdir(), "arkor-bench-"));
const report = { date: new Date().toISOString(), machine: machine(), runs, results: [] };
try {
  for (const node of nodes) report.results.push(await benchNode(node));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${out}`);
if (report.results.some((result) => result.pairs.some((pair) => pair.sameBytes === false))) process.exitCode = 1;

async function benchNode(node) {
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(`\nNode ${version}, ${runs} runs per side after a warm-up (${report.machine.cpus})`);
  const dir = mkdtempSync(path.join(tmp, `node-${version}-`));
  const projects = createProjects(dir, root);
  projects.command = commandProject(path.join(dir, "command"), root, QUICK_COMMAND);
  const watchProjects = { arkor: createProjects(path.join(dir, "watch-arkor"), root)["1000"], minimal: createProjects(path.join(dir, "watch-minimal"), root)["1000"] };
  const pairs = definePairs(node, projects, watchProjects).filter((pair) => !only || only.test(pair.name));
  const results = [];
  for (const pair of pairs) {
    if (pair.available && !pair.available()) {
      console.log(`${pair.name}: skipped (${pair.unavailable})`);
      results.push({ name: pair.name, target: pair.target, skipped: pair.unavailable });
      continue;
    }
    const result = { name: pair.name, target: pair.target, ...(pair.reference && { reference: true }), ...(await measurePair(pair)) };
    results.push(result);
    printRow(result);
  }
  const jobs = await benchJobs(node, dir);
  const studio = await benchStudio(node, dir);
  return { node: version, execPath: node, pairs: results, jobs, ...(studio && { studio }) };
}

/** Every pair: what arkor runs, what the floor runs, where, and the target ratio. */
function definePairs(node, projects, watchProjects) {
  const run = (args, cwd) => () => runProcess(node, args, cwd);
  const pairs = [];
  for (const name of ["small", "1000", "1000-bare", "5000"]) {
    const cwd = projects[name];
    pairs.push({
      name: `build ${name}`,
      target: name === "1000-bare" ? 1.05 : 1.1,
      arkor: run([bin, "build"], cwd),
      minimal: run([minimal("build.mjs")], cwd),
      sameBytes: () => sameArtifact(cwd, run([bin, "build"], cwd), run([minimal("build.mjs")], cwd)),
    });
  }
  for (const name of ["small", "1000", "5000"]) {
    const cwd = projects[name];
    pairs.push({
      name: `start ${name}`,
      target: 1.1,
      rssTarget: 1.1,
      setup: run([bin, "build"], cwd),
      arkor: run([bin, "start"], cwd),
      minimal: run([minimal("start.mjs")], cwd),
    });
  }
  // What `import "arkor"` costs (issue 21): the import alone against a built-in's, and `arkor start` of the
  // small trainer against the same trainer as plain objects, importing nothing, run by the minimal start.
  pairs.push({ name: 'import "arkor"', target: 1.05, arkor: run(["-e", 'import("arkor")'], projects.small), minimal: run(["-e", 'import("node:path")'], projects.small) });
  pairs.push({
    name: "start small, no-import floor",
    target: 1.25,
    setup: () => {
      run([bin, "build"], projects.small)();
      run([bin, "build"], projects["small-no-import"])();
      const artifact = readFileSync(path.join(projects["small-no-import"], ".arkor/build/index.mjs"), "utf8");
      if (/\bfrom\s*"arkor"|\bimport\s*\(?\s*"arkor"/.test(artifact)) throw new Error("start small, no-import floor: the floor's artifact imports arkor, so it is no floor.");
    },
    arkor: run([bin, "start"], projects.small),
    minimal: run([minimal("start.mjs")], projects["small-no-import"]),
  });
  // The floors under those two targets, which arkor cannot go below (docs/performance.md): what Node
  // charges to import any package through an `exports` map, and a start whose only addition to the
  // minimal one is clipanion parsing start's options. References, not targets.
  pairs.push({
    name: "import an empty package",
    reference: true,
    setup: () => emptyPackage(projects.small, EMPTY_PACKAGE),
    arkor: run(["-e", `import("${EMPTY_PACKAGE}")`], projects.small),
    minimal: run(["-e", 'import("node:path")'], projects.small),
  });
  const clipanionStart = path.join(path.dirname(projects.small), "clipanion-start", "start.mjs");
  pairs.push({
    name: "clipanion alone, no-import floor",
    reference: true,
    setup: async () => {
      await bundleClipanionStart(clipanionStart);
      run([bin, "build"], projects["small-no-import"])();
    },
    arkor: run([clipanionStart, "start"], projects["small-no-import"]),
    minimal: run([minimal("start.mjs")], projects["small-no-import"]),
  });
  for (const flag of ["--version", "--help"]) {
    pairs.push({ name: `arkor ${flag}`, target: 1.25, arkor: run([bin, flag], projects.small), minimal: run(["-e", "0"], projects.small) });
  }
  pairs.push(startCommandPair(node, bin, minimal("command.mjs"), projects.command));
  pairs.push(watchPair(node, watchProjects));
  pairs.push(stalePair(node, projects["1000"]));
  return pairs;
}

/** minimal/clipanionStart.mjs as @arkor/cli ships clipanion: bundled into one file, typanion split off. */
async function bundleClipanionStart(outfile) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: { start: minimal("clipanionStart.mjs") },
    outdir: path.dirname(outfile),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // clipanion is @arkor/cli's dependency, not the repository's.
    nodePaths: [path.join(root, "packages/cli/node_modules")],
    // As packages/cli/build/withoutBuiltin.ts does for arkor: clipanion's colour probe loses its `tty`.
    plugins: [
      {
        name: "clipanion-without-tty",
        setup(build) {
          build.onResolve({ filter: /^(node:)?tty$/ }, (args) => (/[\\/]clipanion[\\/]/.test(args.importer) ? { path: "tty", namespace: "without-tty" } : undefined));
          build.onLoad({ filter: /.*/, namespace: "without-tty" }, () => ({ loader: "js", contents: "export default undefined;" }));
        },
      },
    ],
    logLevel: "error",
  });
}

/**
 * What is not a pair: the delay from a progress line to its event (target ≤ 50 ms, median), and
 * arkor's Slurm submission beyond sbatch itself (target ≤ 50 ms), on a cluster of its own when
 * this machine can run one (scripts/slurm/cluster.mjs: Linux, root).
 */
async function benchJobs(node, dir) {
  const jobs = {};
  if (!only || only.test("progress latency")) {
    const cwd = commandProject(path.join(dir, "progress"), root, PROGRESS_COMMAND);
    jobs.progressLatency = progressLatency(node, bin, cwd, Math.max(3, Math.ceil(runs / 3)));
    const { medianMs, p90Ms, maxMs, samples } = jobs.progressLatency;
    console.log(`${"progress line → event".padEnd(33)} median ${medianMs.toFixed(1)} ms (≤ 50 ms ${medianMs <= 50 ? "ok" : "MISSED"}), p90 ${p90Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms, ${samples} lines`);
  }
  if (!only || only.test("slurm submission")) {
    if (process.getuid?.() !== 0) {
      console.log("slurm submission: skipped (starting a Slurm cluster needs root)");
      return jobs;
    }
    const { startSlurmCluster } = await import("../slurm/cluster.mjs");
    const cluster = await startSlurmCluster();
    try {
      const cwd = commandProject(path.join(dir, "slurm"), root, QUICK_COMMAND, ', resources: { cpus: 1, memory: "100M" }');
      jobs.slurmSubmission = await slurmSubmission(node, bin, cwd, runs, cluster.env);
      const { arkorMedianMs, sbatchMedianMs, overheadMs } = jobs.slurmSubmission;
      console.log(
        `${"slurm submission".padEnd(33)} arkor ${arkorMedianMs.toFixed(1)} ms, sbatch alone ${sbatchMedianMs.toFixed(1)} ms: overhead ${overheadMs.toFixed(1)} ms (≤ 50 ms ${overheadMs <= 50 ? "ok" : "MISSED"})`,
      );
    } finally {
      await cluster.stop();
    }
  }
  return jobs;
}

/** Opening a job of 100,000 log lines and 50,000 points in the Studio, in Chromium (target: under a second), against a bare page doing the same. */
async function benchStudio(node, dir) {
  if (only && !only.test("studio open")) return undefined;
  const studio = await studioOpen(node, bin, root, path.join(dir, "studio"), Math.max(3, Math.ceil(runs / 3)));
  const { commandMedianMs, orphanMedianMs, trainerMedianMs, minimalMedianMs, ratio } = studio;
  const slowest = Math.max(commandMedianMs, orphanMedianMs, trainerMedianMs);
  console.log(
    `${"studio open 100k-line job".padEnd(33)} command job ${commandMedianMs.toFixed(0)} ms, its files alone ${orphanMedianMs.toFixed(0)} ms, trainer's ${trainerMedianMs.toFixed(0)} ms (< 1000 ms ${slowest < 1000 ? "ok" : "MISSED"}); bare page ${minimalMedianMs.toFixed(0)} ms: ${ratio.toFixed(2)}x`,
  );
  return studio;
}

/** `arkor build --watch` after a one-file edit against esbuild's context().rebuild(); only once the CLI has --watch. */
function watchPair(node, watchProjects) {
  const help = () => spawnSync(node, [bin, "build", "--help"], { encoding: "utf8" }).stdout;
  const watchers = {};
  let variant = 0;
  const edit = (cwd) => () => writeFileSync(path.join(cwd, "src/arkor/modules/m0.ts"), moduleSource(0, false, ++variant));
  return {
    name: "build --watch rebuild 1000",
    target: 1.2,
    available: () => help().includes("--watch"),
    unavailable: "`arkor build --help` does not list --watch yet",
    setup: async () => {
      watchers.arkor = await startWatcher(node, [bin, "build", "--watch"], watchProjects.arkor);
      watchers.minimal = await startWatcher(node, [minimal("watch.mjs")], watchProjects.minimal);
    },
    arkor: () => watchers.arkor.next(edit(watchProjects.arkor)),
    minimal: () => watchers.minimal.next(edit(watchProjects.minimal)),
    teardown: () => Promise.all(Object.values(watchers).map((watcher) => watcher.stop())),
  };
}

/**
 * `arkor start` with the build manifest's stale check against the same start
 * without it: the same manifest with no inputs and no config recorded, so the
 * artifact is still checked (and trusted) the same way and only the check of
 * the sources is left out. Only once builds write a manifest.
 */
function stalePair(node, cwd) {
  const manifest = path.join(cwd, ".arkor/build/manifest.json");
  const withSources = `${manifest}.with-sources`;
  const withoutSources = `${manifest}.without-sources`;
  const artifact = path.join(cwd, ".arkor/build/index.mjs");
  const start = () => runProcess(node, [bin, "start"], cwd);
  let built;
  return {
    name: "start 1000, stale check",
    target: 1.05,
    available: () => (runProcess(node, [bin, "build"], cwd), existsSync(manifest)),
    unavailable: "`arkor build` writes no .arkor/build/manifest.json yet",
    setup: () => {
      built = statSync(artifact).mtimeMs;
      writeFileSync(withoutSources, JSON.stringify({ ...JSON.parse(readFileSync(manifest, "utf8")), inputs: null, config: null }));
    },
    arkor: () => start(),
    minimal: () => {
      renameSync(manifest, withSources);
      renameSync(withoutSources, manifest);
      try {
        return start();
      } finally {
        renameSync(manifest, withoutSources);
        renameSync(withSources, manifest);
        if (statSync(artifact).mtimeMs !== built) throw new Error("start 1000, stale check: `arkor start` rebuilt, so the pair no longer compares like with like.");
      }
    },
  };
}

/** Builds with each side and compares the artifact and its source map byte for byte. */
function sameArtifact(cwd, arkorBuild, minimalBuild) {
  const read = () => ["index.mjs", "index.mjs.map"].map((file) => readFileSync(path.join(cwd, ".arkor/build", file)));
  arkorBuild();
  const fromArkor = read();
  minimalBuild();
  return read().every((bytes, i) => bytes.equals(fromArkor[i]));
}

async function measurePair(pair) {
  await pair.setup?.();
  try {
    const sameBytes = pair.sameBytes ? pair.sameBytes() : undefined;
    const samples = { arkor: [], minimal: [] };
    for (let i = 0; i <= runs; i++) {
      // Alternate who goes first, so neither always runs on a cache the other warmed.
      const order = i % 2 ? ["minimal", "arkor"] : ["arkor", "minimal"];
      for (const side of order) {
        const sample = await pair[side]();
        if (i > 0) samples[side].push(sample); // run 0 is the warm-up
      }
    }
    return { sameBytes, rssTarget: pair.rssTarget, ...summarize(samples.arkor, samples.minimal) };
  } finally {
    await pair.teardown?.();
  }
}

function printRow(result) {
  const ms = (side) => `${side.medianMs.toFixed(0)} ms (${side.minMs.toFixed(0)}–${side.maxMs.toFixed(0)})`;
  const mb = (kb) => (kb === null ? "–" : `${(kb / 1024).toFixed(0)} MB`);
  const verdict = result.target ? (result.ratio <= result.target ? "ok" : "MISSED") : "";
  const cpu = result.cpuRatio === null ? "" : `  CPU ${result.arkor.medianCpuMs.toFixed(0)} / ${result.minimal.medianCpuMs.toFixed(0)} ms = ${result.cpuRatio.toFixed(2)}×`;
  const rss = result.rssRatio === null ? "" : `  RSS ${mb(result.arkor.medianRssKb)} / ${mb(result.minimal.medianRssKb)} = ${result.rssRatio.toFixed(2)}×${result.rssTarget ? ` (≤ ${result.rssTarget}×)` : ""}`;
  const bytes = result.sameBytes === undefined ? "" : result.sameBytes ? "  same bytes" : "  BYTES DIFFER";
  console.log(
    `${result.name.padEnd(33)} arkor ${ms(result.arkor).padEnd(20)} minimal ${ms(result.minimal).padEnd(20)} ratio ${result.ratio.toFixed(2)}×${result.target ? ` (≤ ${result.target}× ${verdict})` : ""}${result.reference ? " (a floor, not arkor)" : ""}${cpu}${rss}${bytes}`,
  );
}

function machine() {
  const cpus = os.cpus();
  return { cpus: `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}`, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() };
}
