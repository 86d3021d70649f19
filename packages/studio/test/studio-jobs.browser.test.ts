/**
 * The Studio over the job store, in a real browser: the packed packages
 * installed with npm into a fresh project, `arkor dev` and a headless Chromium
 * (playwright-core, with the Chromium @sparticuz/chromium ships), a real
 * single-node Slurm cluster (scripts/slurm/cluster.mjs). Jobs are started the
 * way users start them: `arkor start` in another process, `--detach`, on Slurm.
 * With ARKOR_STUDIO_SCREENSHOTS=<folder>, the job page and the compare view
 * are saved there as studio-job.png and studio-compare.png (docs/studio.md's).
 */
import chromium from "@sparticuz/chromium";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium as playwright, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, NODE } from "../../../scripts/test-utils/index.js";
import { installFromTarballs, packTarballs, type InstalledProject } from "../../../scripts/test-utils/installedProject.js";
import { isGroupAlive, jobRecords, parseEvents, processAlive } from "../../../scripts/test-utils/jobs.js";
import { startSlurmCluster, type SlurmCluster } from "../../../scripts/slurm/cluster.mjs";
import { writeLongJob } from "../../../scripts/studio/longJob.mjs";

const SETUP_TIMEOUT = 400_000;
/** How long the page may take to show what a step expects. */
const WAIT = 60_000;

/** A command trainer that trains for about a minute unless cancelled: python, a progress file, SIGTERM handled. */
const SLEEPER = `import { createArkor, createTrainer } from "arkor";
export const arkor = createArkor({
  trainer: createTrainer({ name: "sleeper", command: ["python3", "train.py", "--epochs", "600", "--sleep", "0.1"], env: { SEED: "1" }, resources: { cpus: 1, memory: "200M" } }),
});
`;

let cluster: SlurmCluster;
let project: InstalledProject;
let bin: string;
let dev: { child: ChildProcess; exited: Promise<number | null>; url: URL };
let browser: Browser;
let page: Page;
const shots = process.env.ARKOR_STUDIO_SCREENSHOTS;

beforeAll(async () => {
  cluster = await startSlurmCluster();
  const packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-studio-jobs-packs-"));
  try {
    project = await installFromTarballs("npm", packTarballs(packDir));
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  for (const folder of ["src", "data"]) cpSync(path.join(FIXTURES, "quickstart", folder), project.path(folder), { recursive: true });
  cpSync(path.join(FIXTURES, "python-trainer", "train.py"), project.path("train.py"));
  project.write("src/arkor/sleeper.ts", SLEEPER);
  // Slower epochs, so a run is seen running before it completes.
  setTrainer({ epochMs: 15 });
  bin = project.path("node_modules/arkor/dist/cli.cjs");
  dev = await startDev();
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    // Its serverless defaults, less the two that would make the page unlike a user's browser.
    args: chromium.args.filter((arg) => arg !== "--single-process" && arg !== "--disable-web-security"),
    headless: true,
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(dev.url.href);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (dev && dev.child.exitCode === null) {
    dev.child.kill("SIGINT");
    await dev.exited;
  }
  // Detached runs the tests left (a failure half-way): their arkor and their jobs.
  for (const record of project ? jobRecords(project) : []) {
    if (!["starting", "queued", "running"].includes(record.status)) continue;
    try {
      process.kill(record.owner.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  await cluster?.stop();
  project?.remove();
}, WAIT);

/** `arkor dev --json` of the installed packages, with the cluster's SLURM_CONF; resolves with its URL from studio.ready. */
async function startDev(): Promise<typeof dev> {
  const child = spawn(NODE, [bin, "dev", "--port", "0", "--json"], {
    cwd: project.dir,
    env: { ...process.env, ...cluster.env, NO_COLOR: "1", ARKOR_DEBUG: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const first = output.split("\n")[0];
      if (output.includes("\n")) resolve(JSON.parse(first!) as { url: string });
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    void exited.then(() => reject(new Error(`arkor dev exited before studio.ready:\n${output}`)));
  });
  return { child, exited, url: new URL(ready.url) };
}

function arkor(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(NODE, [bin, ...args], { cwd: project.dir, env: { ...process.env, ...cluster.env, NO_COLOR: "1" }, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Rewrites the quickstart trainer's constants, as a user edits them. */
function setTrainer(values: { epochMs?: number; learningRate?: number }): void {
  const file = project.path("src/arkor/trainer.ts");
  let source = readFileSync(file, "utf8");
  if (values.epochMs !== undefined) source = source.replace(/const EPOCH_MS = [\d.]+;/, `const EPOCH_MS = ${values.epochMs};`);
  if (values.learningRate !== undefined) source = source.replace(/const LEARNING_RATE = [\d.]+;/, `const LEARNING_RATE = ${values.learningRate};`);
  writeFileSync(file, source);
}

const origin = () => dev.url.origin;
const statusOf = (id: string) => page.locator(`#jobs-body tr[data-job-id="${id}"] td[data-status]`);
const waitFor = (predicate: () => boolean | Promise<boolean>, what: string) =>
  (async () => {
    for (const started = Date.now(); Date.now() - started < WAIT; await new Promise((resolve) => setTimeout(resolve, 100))) if (await predicate()) return;
    throw new Error(`Timed out waiting for ${what}`);
  })();

/** The job page's facts, read in one go: what a reload must show again. */
const jobPageContent = () =>
  page.evaluate(() => ({
    status: document.getElementById("job-status")!.innerText,
    details: [...document.querySelectorAll("#job-details dd")].map((detail) => `${(detail as HTMLElement).dataset.field}: ${(detail as HTMLElement).innerText}`),
    lines: document.getElementById("job-log")!.dataset.lines,
    shownLog: document.getElementById("job-log")!.innerText,
    charts: [...document.querySelectorAll("#job-charts polyline")].map((line) => [(line as SVGElement).dataset.metric, (line as SVGElement).dataset.count, line.getAttribute("points")]),
  }));

let quickRuns: string[] = [];

describe("the Studio's jobs in a browser", { timeout: 3 * WAIT }, () => {
  it("shows a job started by arkor start in another process as it appears, runs and completes, with its last metrics", async () => {
    await page.goto(`${origin()}/`);
    expect(arkor(["build"]).code).toBe(0);
    const run = spawn(NODE, [bin, "start", "--json"], { cwd: project.dir, stdio: ["ignore", "pipe", "inherit"] });
    const ran = new Promise((resolve) => run.on("close", resolve));
    let stdout = "";
    run.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    await waitFor(() => /"recordId":"([^"]+)"/.test(stdout), "run.start");
    const id = /"recordId":"([^"]+)"/.exec(stdout)![1]!;
    await statusOf(id).getByText("running").waitFor({ timeout: WAIT });
    await statusOf(id).getByText("completed · 0").waitFor({ timeout: WAIT });
    await ran;
    const row = await page.locator(`#jobs-body tr[data-job-id="${id}"]`).innerText();
    expect(row).toContain("house-prices");
    expect(row).toMatch(/step 400\/400 · loss=[\d.,]+/);
    quickRuns.push(id);
  });

  it("opens a job's page at its own address, and a reload shows the same content", async () => {
    const id = quickRuns[0]!;
    await page.click(`#jobs-body tr[data-job-id="${id}"] a`);
    expect(page.url()).toBe(`${origin()}/jobs/${id}`);
    await page.locator("#job-log[data-lines='10']").waitFor({ timeout: WAIT });
    const before = await jobPageContent();
    expect(before.status).toBe("completed · exit 0");
    expect(before.details).toEqual(expect.arrayContaining(["trainer: house-prices", "entry: src/arkor/index.ts", "exit code: 0", `artifact: .arkor/build/index.mjs`]));
    expect(before.shownLog).toContain("Fitted price ≈");
    expect(before.charts.map(([metric, count]) => [metric, count])).toEqual([["loss", "400"]]);
    await page.reload();
    await page.locator("#job-log[data-lines='10']").waitFor({ timeout: WAIT });
    await page.locator("#job-charts polyline").waitFor({ timeout: WAIT });
    expect(await jobPageContent()).toEqual(before);
  });

  it("compares two runs of the quickstart with different learning rates: both loss curves on one chart, a legend, the table side by side", async () => {
    setTrainer({ learningRate: 0.003, epochMs: 1 });
    expect(arkor(["build"]).code).toBe(0);
    const second = parseEvents(arkor(["start", "--json"]).stdout).find((event) => event.type === "run.start")!.recordId as string;
    quickRuns.push(second);
    await page.goto(`${origin()}/`);
    for (const id of quickRuns) await statusOf(id).getByText("completed · 0").waitFor({ timeout: WAIT });
    for (const id of quickRuns) await page.locator(`#jobs-body tr[data-job-id="${id}"] input[type=checkbox]`).check();
    await page.click("#compare");
    await page.waitForURL(/\/compare\?jobs=/);
    expect(new URL(page.url()).searchParams.get("jobs")!.split(",").sort()).toEqual([...quickRuns].sort());
    await page.locator("#compare-chart polyline >> nth=1").waitFor({ timeout: WAIT });
    const chart = await page.evaluate(() => ({
      lines: [...document.querySelectorAll("#compare-chart polyline")].map((line) => [(line as SVGElement).dataset.metric, (line as SVGElement).dataset.count]),
      legend: [...document.querySelectorAll("#compare-chart text.legend")].map((text) => text.textContent),
      metric: (document.getElementById("compare-metric") as HTMLSelectElement).value,
    }));
    expect(chart.metric).toBe("loss");
    expect(chart.lines.map(([label, count]) => [label!.split(" ")[0], count]).sort()).toEqual(quickRuns.map((id) => [id, "400"]).sort());
    expect(chart.legend).toHaveLength(2);
    for (const id of quickRuns) expect(chart.legend.find((entry) => entry!.startsWith(id))).toMatch(new RegExp(`^${id} \\(house-prices\\)  [\\d.,]+$`));
    // A slower learning rate ends higher after the same 400 epochs.
    const finals = await page.locator("#compare-table tr[data-row='final loss'] td").allInnerTexts();
    const [fast, slow] = quickRuns.map((id) => Number(finals[chartColumn(id)]!.replace(/,/g, "")));
    expect(slow!).toBeGreaterThan(fast!);
    // A loss that falls by orders of magnitude reads better on a log scale; the address keeps the choice.
    await page.check("#compare-log");
    await page.locator("#compare-chart text", { hasText: /^log$/ }).waitFor({ timeout: WAIT });
    expect(new URL(page.url()).searchParams.get("scale")).toBe("log");
    if (shots) await page.screenshot({ path: path.join(shots, "studio-compare.png"), fullPage: true });

    function chartColumn(id: string): number {
      return new URL(page.url()).searchParams.get("jobs")!.split(",").indexOf(id);
    }
  });

  it("refuses a crafted job id (../../etc) in the page's address and in the API", async () => {
    const refused = await page.goto(`${origin()}/jobs/..%2F..%2Fetc`);
    expect(refused?.status()).toBe(400);
    expect(await refused?.text()).toBe(
      JSON.stringify({ error: 'Not a job id: "../../etc". A job id is the name of a folder in .arkor/jobs, such as 20261206-100206-k3x9; arkor jobs lists them.' }),
    );
    await page.goto(`${origin()}/`);
    const fromPage = await page.evaluate(() =>
      Promise.all(["/api/jobs/..%2F..%2Fetc/stream", "/api/jobs/%2E%2E%2F%2E%2E%2Fetc/series"].map((route) => fetch(route).then((response) => response.status))),
    );
    expect(fromPage).toEqual([400, 400]);
  });

  it("opens a job with 100,000 log lines and 50,000 progress points whole: every line kept, charts drawn from a downsample that keeps the last point", async () => {
    const id = writeLongJob(project.dir, { lines: 100_000, points: 50_000, kind: "command" });
    await page.goto(`${origin()}/jobs/${id}`);
    await page.locator("#job-log[data-lines='100000']").waitFor({ timeout: WAIT });
    await page.waitForFunction(() => [...document.querySelectorAll("#job-charts polyline")].filter((line) => (line as SVGElement).dataset.count === "50000").length === 2, undefined, {
      timeout: WAIT,
    });
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll("#job-charts svg")].map((svg) => ({
        drawn: svg.querySelector("polyline")!.getAttribute("points")!.split(" ").length,
        lastX: Number(svg.querySelector("polyline")!.getAttribute("points")!.split(" ").at(-1)!.split(",")[0]),
        xLabels: [...svg.querySelectorAll("text")].map((text) => text.textContent),
      })),
    );
    for (const chart of charts) {
      expect(chart.drawn).toBeLessThanOrEqual(1000);
      // The last point is at the right end of the axis, which is step 50,000.
      expect(chart.lastX).toBeCloseTo(400 - 12, 0);
      expect(chart.xLabels).toContain("50,000");
    }
    // The view follows the end; stdout and stderr in the order they were written (every 10th line is stderr's).
    expect(await page.locator("#job-log .line").last().innerText()).toBe("step 100000: loss=0.000010 lr=0.001 tokens/s=40345");
    expect(await page.locator("#job-log .line").evaluateAll((lines) => lines.slice(-3).map((line) => line.className))).toEqual(["line", "line", "line stderr"]);
    await page.locator("#job-log").evaluate((log) => (log.scrollTop = 0));
    await page.locator("#job-log .line", { hasText: /^step 1: loss=1\.000000/ }).waitFor({ timeout: WAIT });
    // Hiding stdout leaves the 10,000 stderr lines, marked as such.
    await page.uncheck("#log-stdout");
    // Until the filtered view is drawn: "step 10" (a stderr line) is already on screen before it, among stdout's.
    await page.waitForFunction(
      () => {
        const lines = [...document.querySelectorAll("#job-log[data-lines='100000'] .line")];
        return lines.length > 10 && lines.every((line) => line.className === "line stderr");
      },
      undefined,
      { timeout: WAIT },
    );
    const shown = await page.locator("#job-log .line").evaluateAll((lines) => lines.map((line) => [line.className, (line as HTMLElement).innerText]));
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.every(([className]) => className === "line stderr")).toBe(true);
    expect(shown.slice(0, 2).map(([, text]) => text!.split(":")[0])).toEqual(["step 10", "step 20"]);
    await page.check("#log-stdout");
    rmSync(project.path(`.arkor/jobs/${id}`), { recursive: true });
  });

  it("cancels a detached local job from its page, through its backend: the job's process group is gone", async () => {
    const started = arkor(["start", "src/arkor/sleeper.ts", "--detach", "--json"]);
    expect(started.code).toBe(0);
    const id = parseEvents(started.stdout).find((event) => event.type === "job.submitted")!.jobId as string;
    await page.goto(`${origin()}/jobs/${id}`);
    await page.locator("#job-status.status-running").waitFor({ timeout: WAIT });
    const record = jobRecords(project).find((candidate) => candidate.id === id)!;
    const group = Number(record.backendId);
    expect(isGroupAlive(group)).toBe(true);
    // Wait for its first reports, so the page has something to show.
    await page.locator("#job-charts polyline").first().waitFor({ timeout: WAIT });
    if (shots) {
      await page.locator("#job-progress-text", { hasText: /^step (\d{3}|[4-9]\d)\// }).waitFor({ timeout: WAIT });
      await page.screenshot({ path: path.join(shots, "studio-job.png"), fullPage: true });
    }
    await page.click("#job-cancel");
    await page.locator("#job-status.status-cancelled").waitFor({ timeout: WAIT });
    // The store can say cancelled before `arkor jobs cancel`, the request's child, has exited and answered.
    await page.locator("#job-notice", { hasText: /^Cancel done/ }).waitFor({ timeout: WAIT });
    expect(await page.locator("#job-notice").innerText()).toBe("Cancel done: cancelled");
    await waitFor(() => !isGroupAlive(group), `process group ${group} to be gone`);
    expect(jobRecords(project).find((candidate) => candidate.id === id)).toMatchObject({ status: "cancelled" });
    expect(await page.locator("#job-cancel").isHidden()).toBe(true);

    // Compared on a metric only it reports, the quickstart's run is said to lack it.
    await page.goto(`${origin()}/compare?jobs=${quickRuns[0]},${id}&metric=r2`);
    await page.locator("#compare-missing li").waitFor({ timeout: WAIT });
    expect(await page.locator("#compare-missing").innerText()).toBe(`${quickRuns[0]} (house-prices) does not report r2.`);
    expect(await page.locator("#compare-chart polyline").evaluateAll((lines) => lines.map((line) => (line as SVGElement).dataset.metric))).toEqual([`${id} (sleeper)`]);
    expect(await page.locator("#compare-metric option").allInnerTexts()).toEqual(["loss", "r2"]);

    // A bookmarked page of a job pruned since says so.
    await page.goto(`${origin()}/jobs/20991231-000000-none`);
    await page.locator("#job-missing", { hasText: "No job 20991231-000000-none in .arkor/jobs" }).waitFor({ timeout: WAIT });
  });

  it("offers the slurm backend when Slurm answers; follows a Slurm job, with its Slurm id, across a restart of arkor dev and the loss of its arkor process, and cancels it from its page", async () => {
    await page.goto(`${origin()}/`);
    await page.locator("#backend option[value=slurm]:not([disabled])").waitFor({ state: "attached", timeout: WAIT });
    const started = arkor(["start", "src/arkor/sleeper.ts", "--backend", "slurm", "--detach", "--json"]);
    expect(started.code).toBe(0);
    const submitted = parseEvents(started.stdout).find((event) => event.type === "job.submitted")!;
    const [id, slurmId] = [submitted.jobId as string, submitted.backendId as string];
    expect(slurmId).toMatch(/^\d+$/);
    await statusOf(id).getByText("running").waitFor({ timeout: WAIT });
    expect(await page.locator(`#jobs-body tr[data-job-id="${id}"] td:nth-child(4)`).innerText()).toBe(`slurm ${slurmId}`);

    // Restart the Studio: the list comes back from the store, the Slurm job still running.
    const jobsBefore = (await page.locator("#jobs-body tr").evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.jobId))).sort();
    dev.child.kill("SIGINT");
    expect(await dev.exited).toBe(130);
    dev = await startDev();
    await page.goto(dev.url.href);
    await statusOf(id).getByText("running").waitFor({ timeout: WAIT });
    for (const quick of quickRuns) await statusOf(quick).getByText("completed · 0").waitFor({ timeout: WAIT });
    expect((await page.locator("#jobs-body tr").evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.jobId))).sort()).toEqual(jobsBefore);

    // Its arkor process killed too: the Studio asks Slurm, which still runs it (a local job would now be lost).
    const owner = jobRecords(project).find((candidate) => candidate.id === id)!.owner.pid;
    process.kill(owner, "SIGKILL");
    await waitFor(() => !processAlive(owner), `arkor process ${owner} to be gone`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await statusOf(id).innerText()).toBe("running");

    await page.click(`#jobs-body tr[data-job-id="${id}"] a`);
    await page.locator("#job-details dd[data-field='Slurm job id']").getByText(slurmId).waitFor({ timeout: WAIT });
    await page.locator("#job-log .line").first().waitFor({ timeout: WAIT });
    // Cancel with no arkor process to ask: arkor jobs cancel goes to Slurm (scancel).
    await page.click("#job-cancel");
    await page.locator("#job-status.status-cancelled").waitFor({ timeout: WAIT });
    const state = spawnSync("scontrol", ["show", "job", "-o", slurmId], { encoding: "utf8", env: { ...process.env, ...cluster.env } }).stdout;
    expect(state).toMatch(/JobState=CANCELLED/);
  });
});

