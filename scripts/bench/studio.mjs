// The Studio's measurement: opening a job with 100,000 log lines and 50,000
// progress points (issue 18: under a second), against minimal/jobPage.mjs
// opening the same files in the same browser, interleaved run by run. Three
// such jobs: a command job as arkor records it (its output read from
// events.ndjson, in order), the same whose arkor was killed (read from its own
// files), and a hand-written trainer's.
import { spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeLongJob } from "../studio/longJob.mjs";
import { median } from "./measure.mjs";

/** Until the page shows all 100,000 lines and both charts with all 50,000 points behind them. */
const OPENED = () => document.getElementById(document.getElementById("job-log") ? "job-log" : "log")?.dataset.lines === "100000" && [...document.querySelectorAll("polyline")].filter((line) => line.dataset.count === "50000").length === 2;

export async function studioOpen(node, bin, root, dir, runs) {
  const { default: chromium } = await import("@sparticuz/chromium");
  const { chromium: playwright } = await import("playwright-core");
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-studio", private: true, type: "module" }));
  symlinkSync(path.join(root, "packages/arkor"), path.join(dir, "node_modules/arkor"), "dir");
  const ids = { command: writeLongJob(dir, { kind: "command" }), orphan: writeLongJob(dir, { kind: "orphan" }), trainer: writeLongJob(dir, { kind: "trainer" }) };
  const dev = await serve(node, [bin, "dev", "--port", "0", "--json"], dir, (line) => JSON.parse(line).url);
  const floor = await serve(node, [path.join(root, "scripts/bench/minimal/jobPage.mjs"), path.join(dir, ".arkor/jobs", ids.command)], dir, (line) => line);
  const browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((arg) => arg !== "--single-process" && arg !== "--disable-web-security"),
    headless: true,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A warm browser, as a user's is: the Studio's own page first (it sets the session's cookie).
    const warm = await context.newPage();
    await warm.goto(dev.url);
    const open = async (url) => {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.waitForFunction(OPENED, undefined, { timeout: 60_000, polling: 10 });
      const ms = performance.now() - started;
      await page.close();
      return ms;
    };
    const origin = new URL(dev.url).origin;
    const samples = { command: [], orphan: [], trainer: [], minimal: [] };
    // One of each to warm up, then interleaved.
    for (let run = -1; run < runs; run++) {
      const command = await open(`${origin}/jobs/${ids.command}`);
      const minimal = await open(floor.url);
      const orphan = await open(`${origin}/jobs/${ids.orphan}`);
      const trainer = await open(`${origin}/jobs/${ids.trainer}`);
      if (run < 0) continue;
      samples.command.push(command);
      samples.minimal.push(minimal);
      samples.orphan.push(orphan);
      samples.trainer.push(trainer);
    }
    return {
      commandMedianMs: median(samples.command),
      orphanMedianMs: median(samples.orphan),
      trainerMedianMs: median(samples.trainer),
      minimalMedianMs: median(samples.minimal),
      ratio: median(samples.command.map((ms, index) => ms / samples.minimal[index])),
      runs,
    };
  } finally {
    await browser.close();
    dev.child.kill("SIGINT");
    floor.child.kill("SIGTERM");
    await Promise.all([dev.exited, floor.exited]);
  }
}

/** Starts a server and resolves with its URL, read from its first line. */
function serve(node, args, cwd, urlOf) {
  const child = spawn(node, args, { cwd, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
  const exited = new Promise((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
      if (output.includes("\n")) resolve({ child, exited, url: urlOf(output.split("\n")[0]) });
    });
    void exited.then(() => reject(new Error(`${args.join(" ")} exited before it printed its URL:\n${output}`)));
  });
}
