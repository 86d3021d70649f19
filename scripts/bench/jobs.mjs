// The jobs part of the suite (docs/performance.md § Jobs):
// - `start command`: `arkor start` of a command trainer on the local backend, against spawning the
//   same command from a minimal Node script (a pair, like the others);
// - progress latency: from a line appended to the progress file to its job.progress event;
// - Slurm submission: arkor's time from run.start to job.submitted against sbatch of the same script alone.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { median, runProcess } from "./measure.mjs";

/** A command that exits at once: Python's start-up, as a Python trainer has. */
export const QUICK_COMMAND = ["python3", "-c", "pass"];

/** A project whose trainer runs `command`, with node_modules/arkor linked to the repo's. */
export function commandProject(dir, root, command, extra = "") {
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write("package.json", JSON.stringify({ name: "bench-command", private: true, type: "module" }));
  write(
    "src/arkor/index.ts",
    `import { createArkor, createTrainer } from "arkor";\nexport const arkor = createArkor({ trainer: createTrainer({ name: "bench-command", command: ${JSON.stringify(command)}${extra} }) });\n`,
  );
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(path.join(root, "packages/arkor"), path.join(dir, "node_modules/arkor"), "dir");
  return dir;
}

/** The `start command` pair, for index.mjs's definePairs. */
export function startCommandPair(node, bin, minimalScript, cwd) {
  return {
    name: "start command (local)",
    target: 1.1,
    setup: () => runProcess(node, [bin, "build"], cwd),
    arkor: () => runProcess(node, [bin, "start"], cwd),
    minimal: () => runProcess(node, [minimalScript, ...QUICK_COMMAND], cwd),
  };
}

// Appends a line every 20 ms, each carrying the time it was written (ms since the epoch) as a metric.
const PROGRESS_WRITER = [
  "python3",
  "-c",
  "import json, os, time\nfile = os.environ['ARKOR_PROGRESS_FILE']\nfor step in range(40):\n    with open(file, 'a') as out: out.write(json.dumps({'step': step, 'metrics': {'written': int(time.time() * 1000)}}) + '\\n')\n    time.sleep(0.02)\n",
];

export const PROGRESS_COMMAND = PROGRESS_WRITER;

/** The delay from each progress line's write to its job.progress event (the event's `time`), over `runs` runs. */
export function progressLatency(node, bin, cwd, runs) {
  runProcess(node, [bin, "build"], cwd);
  const delays = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(node, [bin, "start", "--json"], { cwd, encoding: "utf8", env: { ...process.env, NODE_EXTRA_CA_CERTS: undefined } });
    if (result.status !== 0) throw new Error(`progress latency: arkor start exited ${result.status}:\n${result.stdout}${result.stderr}`);
    for (const line of result.stdout.trim().split("\n")) {
      const event = JSON.parse(line);
      if (event.type === "job.progress" && event.metrics?.written) delays.push(event.time - event.metrics.written);
    }
  }
  const sorted = [...delays].sort((a, b) => a - b);
  return { samples: delays.length, medianMs: median(delays), p90Ms: sorted[Math.floor(sorted.length * 0.9)], maxMs: sorted.at(-1) };
}

/**
 * arkor's submission to Slurm against sbatch alone: for arkor, from run.start to job.submitted in its
 * own events (choosing and loading the backend, the batch script, sbatch, recording the job); for
 * the floor, sbatch of the same batch script, timed around the process. Interleaved, `runs` each.
 */
export async function slurmSubmission(node, bin, cwd, runs, env) {
  runProcess(node, [bin, "build"], cwd);
  const arkorMs = [];
  const sbatchMs = [];
  for (let run = 0; run <= runs; run++) {
    const result = spawnSync(node, [bin, "start", "--backend", "slurm", "--json"], { cwd, encoding: "utf8", env: { ...process.env, ...env, NODE_EXTRA_CA_CERTS: undefined } });
    if (result.status !== 0) throw new Error(`slurm submission: arkor start exited ${result.status}:\n${result.stdout}${result.stderr}`);
    const events = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    const started = events.find((event) => event.type === "run.start");
    const submitted = events.find((event) => event.type === "job.submitted");
    const script = path.join(submitted.dir, "job.sbatch");
    const began = process.hrtime.bigint();
    await new Promise((resolve, reject) => {
      const child = spawn("sbatch", ["--parsable", `--output=${submitted.dir}/again.out`, `--error=${submitted.dir}/again.err`, `--chdir=${cwd}`, script], { env: { ...process.env, ...env } });
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`sbatch exited ${code}`))));
    });
    // Run 0 warms both up.
    if (run > 0) {
      sbatchMs.push(Number(process.hrtime.bigint() - began) / 1e6);
      arkorMs.push(submitted.time - started.time);
    }
  }
  return { runs, arkorMedianMs: median(arkorMs), sbatchMedianMs: median(sbatchMs), overheadMs: median(arkorMs) - median(sbatchMs) };
}
