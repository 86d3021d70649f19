/**
 * The Studio in a real browser: `arkor dev` from the packed packages, installed
 * with npm into a fresh project, driven by playwright-core with the Chromium
 * that @sparticuz/chromium ships. One project, one `arkor dev` and one
 * browser for the whole file: the steps follow each other as a user's would.
 */
import chromium from "@sparticuz/chromium";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium as playwright, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, NODE } from "../../../scripts/test-utils/index.js";
import { installFromTarballs, packTarballs, type InstalledProject } from "../../../scripts/test-utils/installedProject.js";
import { commandLine, descendants, processAlive } from "../../../scripts/test-utils/jobs.js";

const INSTALL_TIMEOUT = 300_000;
/** How long the page may take to show what a step expects. */
const WAIT = 60_000;

/** A trainer that runs until it is cancelled or its 600 steps of 100 ms are done, reporting two metrics. */
const SLOW_TRAINER = `import { writeFileSync } from "node:fs";
import { createArkor, createTrainer } from "arkor";

const TOTAL = 600;
let stopped = false;

export const arkor = createArkor({
  trainer: createTrainer({
    name: "slow-trainer",
    async start() {
      console.log("slow trainer v2 starting");
      return { jobId: "slow-1" };
    },
    async wait(ctx) {
      for (let step = 1; step <= TOTAL; step++) {
        if (stopped) return { job: { id: "slow-1", status: "cancelled" } };
        await new Promise((resolve) => setTimeout(resolve, 100));
        ctx.report({ step, total: TOTAL, metrics: { loss: 1 / step, accuracy: 1 - 1 / step } });
      }
      return { job: { id: "slow-1", status: "completed" } };
    },
    async cancel() {
      stopped = true;
      writeFileSync("cancel-called.txt", "cancel() ran");
    },
  }),
});
`;

let packDir: string;
let project: InstalledProject;
let dev: ChildProcess;
let devOutput = "";
let devExit: Promise<number | null>;
let url: URL;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-studio-packs-"));
  project = await installFromTarballs("npm", packTarballs(packDir));
  for (const folder of ["src", "data"]) cpSync(path.join(FIXTURES, "quickstart", folder), path.join(project.dir, folder), { recursive: true });

  dev = spawn(NODE, [path.join(project.dir, "node_modules/arkor/dist/cli.cjs"), "dev", "--port", "0"], {
    cwd: project.dir,
    env: { ...process.env, NO_COLOR: "1", ARKOR_DEBUG: undefined },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, as in a terminal, so Ctrl-C can be sent to the whole group.
    detached: true,
  });
  devExit = new Promise((resolve) => dev.on("close", (code) => resolve(code)));
  dev.stdout!.setEncoding("utf8").on("data", (chunk: string) => (devOutput += chunk));
  dev.stderr!.setEncoding("utf8").on("data", (chunk: string) => (devOutput += chunk));
  url = new URL(
    await new Promise<string>((resolve, reject) => {
      const check = () => {
        const printed = /^arkor Studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/.exec(devOutput);
        if (printed) resolve(printed[1]!);
      };
      dev.stdout!.on("data", check);
      void devExit.then(() => reject(new Error(`arkor dev exited before printing its URL:\n${devOutput}`)));
    }),
  );

  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    // Its serverless defaults, less the two that would make the page unlike a user's browser.
    args: chromium.args.filter((arg) => arg !== "--single-process" && arg !== "--disable-web-security"),
    headless: true,
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, INSTALL_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    dev.kill("SIGINT");
    await devExit;
  }
  project?.remove();
  if (packDir) rmSync(packDir, { recursive: true, force: true });
}, WAIT);

/**
 * Saves the entry as an editor's atomic save does (a temp file, then a rename),
 * so the watcher never sees it half-written: what it builds is what the test wrote.
 */
function save(contents: string): void {
  const file = path.join(project.dir, "src/arkor/index.ts");
  writeFileSync(`${file}.tmp`, contents);
  renameSync(`${file}.tmp`, file);
}

const text = (selector: string) => page.locator(selector).innerText();
const waitForText = (selector: string, expected: string | RegExp) =>
  page.waitForFunction(
    ([selector, source, flags]) => {
      const element = document.querySelector(selector as string) as HTMLElement | null;
      return element !== null && new RegExp(source as string, flags as string).test(element.innerText);
    },
    [selector, typeof expected === "string" ? expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : expected.source, typeof expected === "string" ? "" : expected.flags],
    { timeout: WAIT },
  );
/** The progress bar's value and each chart's number of points, read in one go. */
const progressAndPoints = () =>
  page.evaluate(() => ({
    progress: (document.getElementById("progress") as HTMLProgressElement).value,
    points: Object.fromEntries(
      [...document.querySelectorAll("#chart polyline")].map((line) => [(line as SVGElement).dataset.metric, line.getAttribute("points")!.split(" ").length]),
    ),
  }));

describe("arkor dev in a browser", { timeout: 2 * WAIT }, () => {
  it("prints one line with the URL, and lists the quickstart's trainer", async () => {
    expect(devOutput).toMatch(/^arkor Studio: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}\n$/);
    await page.goto(url.href);
    // The token moved into the cookie and out of the address bar.
    expect(page.url()).toBe(`${url.origin}/`);
    await waitForText("#trainer-name", "house-prices");
    expect(await text("#trainer-export")).toBe("arkor");
    expect(await text("#trainer-entry")).toBe("src/arkor/index.ts");
    expect(await text("#project-name")).toBe("arkor-installed-npm");
    expect(await page.locator("#stale").isHidden()).toBe(true);
  });

  it("runs the quickstart to completed, exit 0, with its log, its progress and its loss per epoch", async () => {
    await page.click("#run");
    await waitForText("#run-status", /run-1 \(job job-\w+\): completed · exit 0/);
    expect(await text("#log")).toContain("Fitted price ≈");
    expect(await progressAndPoints()).toEqual({ progress: 400, points: { loss: 400 } });
    expect(await text("#progress-text")).toBe("step 400/400 (100%)");
    expect(await text("#history tr[data-run-id=run-1] td:nth-child(2)")).toBe("completed");
    expect(await text("#history tr[data-run-id=run-1] td:nth-child(3)")).toBe("0");
  });

  it("rebuilds on save, and the next run runs the new code, with progress and chart updating while it runs", async () => {
    save(SLOW_TRAINER);
    await waitForText("#trainer-name", "slow-trainer");
    await waitForText("#build-status", "Built src/arkor/index.ts in");
    expect(await page.locator("#stale").isHidden()).toBe(true);

    await page.click("#run");
    await waitForText("#log", "slow trainer v2 starting");
    await page.waitForFunction(() => (document.getElementById("progress") as HTMLProgressElement).value >= 3, undefined, { timeout: WAIT });
    const first = await progressAndPoints();
    await page.waitForFunction((seen) => (document.getElementById("progress") as HTMLProgressElement).value > seen + 3, first.progress, { timeout: WAIT });
    const later = await progressAndPoints();
    // One point per reported step, on each metric's chart, drawn as the progress moves.
    expect(later.progress).toBeGreaterThan(first.progress);
    expect(later.points).toEqual({ loss: later.progress, accuracy: later.progress });
    expect(first.points).toEqual({ loss: first.progress, accuracy: first.progress });
    expect(await text("#progress-text")).toMatch(/^step \d+\/600 \(\d+%\) · ETA \d+s$/);
    expect(await text("#run-status")).toBe("run-2 (job slow-1): running");
    // The page's own POST (its cookie, its Origin) gets through, and a second run is refused while this one goes.
    const second = await page.evaluate(() => fetch("/api/run", { method: "POST" }).then(async (response) => [response.status, await response.json()]));
    expect(second).toEqual([409, { error: "The trainer is already running (run-2). Stop it, or wait for it to finish, before starting another run." }]);
    if (process.env.ARKOR_STUDIO_SCREENSHOT) await page.screenshot({ path: process.env.ARKOR_STUDIO_SCREENSHOT });
  });

  it("Stop cancels the run: the trainer's cancel() runs and the page shows cancelled", async () => {
    await page.click("#stop");
    await waitForText("#run-status", "run-2 (job slow-1): cancelled · exit 143");
    expect(readFileSync(path.join(project.dir, "cancel-called.txt"), "utf8")).toBe("cancel() ran");
    expect(await text("#history tr[data-run-id=run-2] td:nth-child(2)")).toBe("cancelled");
  });

  it("shows a broken save's error with file:line:column and its line, and keeps the last good build", async () => {
    save("export const arkor = {;\n");
    await waitForText("#build-status", "Build failed: the previous artifact is kept.");
    const error = page.locator("#build-messages li.error").first();
    expect(await error.locator(".where").innerText()).toBe("src/arkor/index.ts:1:23");
    expect(await error.innerText()).toContain('Expected identifier but found ";"');
    expect(await error.locator("pre").innerText()).toBe("export const arkor = {;");
    // The manifest still describes the last good build, and says the sources changed since.
    await page.locator("#stale").waitFor({ state: "visible", timeout: WAIT });
    expect(await text("#trainer-name")).toBe("slow-trainer");
  });

  it("refuses a request without the token, with a foreign Host, or a POST from a foreign Origin", async () => {
    const send = (route: string, method: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(new URL(route, url), { method, headers }, (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        });
        req.on("error", reject).end();
      });
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
    expect(await send("/", "GET", {})).toEqual({ status: 401, body: JSON.stringify({ error: "Missing or wrong token. Open the URL with ?token= that arkor dev printed." }) });
    expect((await send(`/?token=${url.searchParams.get("token")}`, "GET", { host: `rebound.example:${url.port}` })).status).toBe(421);
    expect((await send("/api/run", "POST", { cookie, origin: "http://evil.example" })).status).toBe(403);
    // The page's own cookie is HttpOnly and never sent by other sites.
    expect((await page.context().cookies()).map((entry) => [entry.httpOnly, entry.sameSite])).toEqual([[true, "Strict"]]);
    // A fresh browser context (no cookie) gets the refusal, not the page.
    const stranger = await browser.newPage();
    const refused = await stranger.goto(`${url.origin}/`);
    expect(refused?.status()).toBe(401);
    await stranger.close();
  });

  it("Ctrl-C cancels a running job, waits for its cancel(), and exits 130 with no child left", async () => {
    save(SLOW_TRAINER.replace("slow trainer v2", "slow trainer v3"));
    rmSync(path.join(project.dir, "cancel-called.txt"), { force: true });
    await waitForText("#build-status", "Built src/arkor/index.ts in");
    await page.click("#run");
    await waitForText("#log", "slow trainer v3 starting");
    const children = descendants(dev.pid!);
    expect(children.length).toBeGreaterThan(0);
    // Ctrl-C in a terminal: SIGINT to the foreground process group.
    process.kill(-dev.pid!, "SIGINT");
    expect(await devExit).toBe(130);
    expect(readFileSync(path.join(project.dir, "cancel-called.txt"), "utf8")).toBe("cancel() ran");
    // A grandchild (esbuild's service under the watcher) notices its parent's exit a moment later.
    for (let tries = 0; tries < 100 && children.some(processAlive); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(children.filter(processAlive).map((pid) => `${pid}: ${commandLine(pid)}`)).toEqual([]);
  });
});

