// Running one side of a pair once, and summing up the samples.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// GNU time reports the peak RSS of the process (and the children it waited for) from wait4's rusage;
// bash's `time` reports wall and CPU time to the millisecond (GNU time only to 10 ms), without
// bash's own start-up. CPU time moves less than wall time when other processes compete for the cores.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const rssFile = path.join(os.tmpdir(), `arkor-bench-rss-${process.pid}`);
const cpuFile = path.join(os.tmpdir(), `arkor-bench-cpu-${process.pid}`);
const CPU_SCRIPT = 'exec 3>&2; TIMEFORMAT="%3R %3U %3S"; { time "$@" 2>&3; } 2>"$ARKOR_BENCH_CPU"';

/**
 * The environment of every measured process: this one's, without
 * NODE_EXTRA_CA_CERTS, which Node 20 reads and parses at start-up (about 45 ms
 * for a system bundle, on every process, both sides of a pair alike). It is a
 * property of the machine, not of arkor, and would flatten every ratio.
 */
const ENV = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, NO_COLOR: "1" };

/** Runs `node args…` in `cwd` to completion: wall and CPU (user + system) time in ms, peak RSS in KiB (null without /usr/bin/time). */
export function runProcess(node, args, cwd) {
  const command = [...(TIME ? [TIME, "-f", "%M", "-o", rssFile] : []), node, ...args];
  const result = spawnSync("bash", ["-c", CPU_SCRIPT, "bash", ...command], {
    cwd,
    encoding: "utf8",
    env: { ...ENV, ARKOR_BENCH_CPU: cpuFile },
  });
  if (result.status !== 0) throw new Error(`\`${args.join(" ")}\` in ${cwd} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  const [real, user, system] = readFileSync(cpuFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
  const ms = real * 1000;
  const cpuMs = (user + system) * 1000;
  let rssKb = null;
  if (TIME) {
    rssKb = Number(readFileSync(rssFile, "utf8").trim().split("\n").at(-1));
    rmSync(rssFile, { force: true });
  }
  rmSync(cpuFile, { force: true });
  return { ms, cpuMs, rssKb };
}

/**
 * A long-lived process that prints a line containing "Built" after every
 * build. `next(edit)` makes the edit and resolves with the ms until the next
 * such line.
 */
export async function startWatcher(node, args, cwd) {
  const child = spawn(node, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: ENV });
  let builds = 0;
  let output = "";
  let onBuild = () => {};
  const count = (chunk) => {
    output += chunk;
    const found = chunk.match(/\bBuilt\b/g)?.length ?? 0;
    if (found === 0) return;
    builds += found;
    onBuild();
  };
  child.stdout.setEncoding("utf8").on("data", count);
  child.stderr.setEncoding("utf8").on("data", count);
  const exited = new Promise((resolve) => child.on("close", resolve));
  const waitForBuild = (after, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`\`${args.join(" ")}\` did not rebuild within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
      onBuild = () => builds > after && (clearTimeout(timer), resolve());
      onBuild();
      exited.then(() => reject(new Error(`\`${args.join(" ")}\` exited; output:\n${output}`)));
    });
  await waitForBuild(0);
  return {
    async next(edit) {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the previous build's events settle
      const before = builds;
      const started = process.hrtime.bigint();
      edit();
      await waitForBuild(before);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: null, rssKb: null };
    },
    stop: () => (child.kill("SIGTERM"), exited),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians, extremes and the median of the per-run ratios arkor / minimal, for wall and CPU time. */
export function summarize(arkor, minimal) {
  const side = (samples) => {
    const ms = samples.map((sample) => sample.ms);
    const cpu = samples.map((sample) => sample.cpuMs).filter((value) => value !== null);
    const rss = samples.map((sample) => sample.rssKb).filter((kb) => kb !== null);
    return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), medianCpuMs: cpu.length ? median(cpu) : null, medianRssKb: rss.length ? median(rss) : null, samplesMs: ms };
  };
  const a = side(arkor);
  const m = side(minimal);
  const ratio = median(arkor.map((sample, i) => sample.ms / minimal[i].ms));
  const cpuRatio = a.medianCpuMs === null ? null : median(arkor.map((sample, i) => sample.cpuMs / minimal[i].cpuMs));
  const rssRatio = a.medianRssKb && m.medianRssKb ? a.medianRssKb / m.medianRssKb : null;
  return { arkor: a, minimal: m, ratio, cpuRatio, rssRatio };
}
