#!/usr/bin/env node
// The floor for opening a long job in the Studio: a bare node:http server and
// a page that fetches a job's stdout.log, stderr.log and progress.ndjson as
// they are, splits the logs into lines, parses each progress line into a
// column per metric, draws each metric as one SVG polyline of at most 1,000
// points (first, last, and each run's extremes) and shows the log's last
// lines. What the Studio does to open a job, without arkor: no store reader,
// no record, no stream, no token.
//
//   node scripts/bench/minimal/jobPage.mjs <job folder>   (prints the URL, serves until killed)
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

const dir = process.argv[2];
const PAGE = `<!doctype html><meta charset="utf-8"><title>job</title>
<style>#log{height:420px;overflow:auto;font:12px/16px monospace;white-space:pre}</style>
<div id="charts"></div><div id="log"></div>
<script type="module">
const [stdout, stderr, progress] = await Promise.all(["stdout.log", "stderr.log", "progress.ndjson"].map((name) => fetch("/" + name).then((r) => r.text())));
const lines = [...stdout.split("\\n"), ...stderr.split("\\n")].filter(Boolean);
const metrics = {};
for (const line of progress.split("\\n")) {
  if (!line) continue;
  const report = JSON.parse(line);
  for (const [name, value] of Object.entries(report.metrics ?? {})) (metrics[name] ??= { steps: [], values: [] }).steps.push(report.step), metrics[name].values.push(value);
}
const svgs = Object.entries(metrics).map(([name, { steps, values }]) => {
  const keep = [0];
  const size = (steps.length - 2) / 499;
  for (let b = 0; b < 499; b++) {
    let lo = 1 + Math.floor(b * size), hi = lo;
    for (let i = lo + 1; i < Math.min(steps.length - 1, 1 + Math.floor((b + 1) * size)); i++) { if (values[i] < values[lo]) lo = i; if (values[i] > values[hi]) hi = i; }
    keep.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  keep.push(steps.length - 1);
  const [x0, x1, y0, y1] = [steps[0], steps.at(-1), Math.min(...values), Math.max(...values)];
  const points = keep.map((i) => ((steps[i] - x0) / (x1 - x0) * 400).toFixed(1) + "," + (180 - (values[i] - y0) / (y1 - y0) * 180).toFixed(1)).join(" ");
  return '<svg viewBox="0 0 400 180" width="400"><polyline fill="none" stroke="blue" data-count="' + steps.length + '" points="' + points + '"/></svg>';
});
document.getElementById("charts").innerHTML = svgs.join("");
const log = document.getElementById("log");
log.textContent = lines.slice(-40).join("\\n");
log.dataset.lines = String(lines.length);
performance.mark("arkor:job-complete");
</script>`;

const server = createServer(async (request, response) => {
  if (request.url === "/") return response.end(PAGE);
  const name = path.basename(request.url ?? "");
  try {
    response.end(await readFile(path.join(dir, name)));
  } catch {
    response.writeHead(404).end();
  }
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/`));
