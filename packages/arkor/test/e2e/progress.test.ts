import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ARKOR_BIN, NODE, createProject, type TempProject } from "../../../../scripts/test-utils/index.js";

/** Runs the bin under `script`, so its stdout and stderr are a terminal; resolves to everything the terminal showed. */
function onTerminal(project: TempProject, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; screen: string }> {
  const command = [NODE, ARKOR_BIN, ...args].map((word) => `'${word}'`).join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: project.dir,
    env: { ...process.env, ARKOR_DEBUG: undefined, FORCE_COLOR: undefined, NO_COLOR: undefined, TERM: "xterm", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let screen = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (screen += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, screen }));
  });
}

const CLEAR = "\r\u001b[2K";

describe("the progress line (fixtures/quickstart reports its loss every epoch)", () => {
  it("piped: plain `progress` lines on stderr, at most one per 5 s of the job and one at the end", async () => {
    const project = createProject("quickstart");
    const result = await project.arkor(["start"]);
    expect(result.code).toBe(0);
    const lines = result.stderr.split("\n").slice(0, -1);
    expect(lines.every((line) => line.startsWith("progress "))).toBe(true);
    const last = /^progress 400\/400 · 100% · (\d+):(\d\d) elapsed · loss=178\.7\d*$/.exec(lines.at(-1)!);
    expect(last, lines.at(-1)).not.toBeNull();
    const elapsedSeconds = Number(last![1]) * 60 + Number(last![2]);
    // 400 reports, but a line only every 5 s of the job's own clock, plus the last.
    expect(lines.length).toBeLessThanOrEqual(Math.floor(elapsedSeconds / 5) + 2);
    expect(lines[0]).toMatch(/^progress \d+\/400 · \d+% · 0:0\d elapsed · ETA \d+:\d\d · loss=\d+/);
    expect(result.stdout).toMatch(/epoch 400\/400 loss=178\.\d+\n/);
  });

  it("on a terminal: one line redrawn in place, the last one kept, and no `progress` lines", async () => {
    const project = createProject("quickstart");
    expect((await project.arkor(["build"])).code).toBe(0);
    const { code, screen } = await onTerminal(project, ["start"], {});
    expect(code).toBe(0);
    expect(screen).toContain(`${CLEAR}████████████████████ 400/400 · 100% · `);
    expect(screen.split(CLEAR).length).toBeGreaterThan(10);
    expect(screen).not.toMatch(/^progress /m);
    // Cleared before each line the trainer prints; at the end the last one stays, its line ended.
    expect(screen).toMatch(new RegExp(`${CLEAR.replace("[", "\\[")}epoch 400/400 loss=178\\.\\d+\\r\\n`));
    expect(screen).toMatch(/████████████████████ 400\/400 · 100% · [^\r\n]*loss=178\.\d+\r\nJob job-\w+ finished with status=completed\r\n$/);
  });

  it("colours follow the terminal, NO_COLOR and FORCE_COLOR", async () => {
    const project = createProject("trainers");
    const red = "\u001b[31merror:\u001b[39m Build entry not found"; // red, as usage errors
    const plain = /(^|\n)error: Build entry not found/;
    const missing = ["build", "src/arkor/missing.ts"];

    const terminal = await onTerminal(project, missing, {});
    expect(terminal.screen).toContain(red);
    const noColor = await onTerminal(project, missing, { NO_COLOR: "1" });
    expect(noColor.screen).toMatch(plain);
    expect(noColor.screen).not.toContain("\u001b[31m");

    const piped = await project.arkor(missing, { env: { FORCE_COLOR: undefined, NO_COLOR: undefined } });
    expect(piped.stderr).toMatch(plain);
    const forced = await project.arkor(missing, { env: { FORCE_COLOR: "1", NO_COLOR: undefined } });
    expect(forced.stderr).toContain(red);
    expect(forced.code).toBe(1);
  });
});
