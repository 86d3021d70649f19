import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";

const BUILD_DIR = ".arkor/build";
const ARTIFACT = `${BUILD_DIR}/index.mjs`;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("faults while the job runs (issue 9)", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("%s while start() is pending aborts ctx.signal at once, lets start() settle, cancels the job it returns, exits %i", async (signal, code) => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/start-honours-signal.ts"]);
    await run.waitFor("starting");
    run.child.kill(signal);
    const result = await run.exited;
    expect(result.stderr).toBe(
      `Cancelling the run (${signal}) before start() returned a job; waiting up to 10s for start() to settle. Press Ctrl-C again to exit now.\n`,
    );
    expect(result.stdout).toContain("Started job late-job\ncancel() called\nJob late-job finished with status=cancelled\n");
    expect(result.code).toBe(code);
  });

  it("a start() that never settles is given up on after the cancel timeout", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start", "src/arkor/start-hangs.ts", "--cancel-timeout", "0.3"]);
    await run.waitFor("starting");
    run.child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.stderr).toBe(
      "Cancelling the run (SIGTERM) before start() returned a job; waiting up to 0.3s for start() to settle. Press Ctrl-C again to exit now.\n" +
        "error: Cancelled by SIGTERM; start() did not settle within 0.3s.\n",
    );
    expect(result.stdout).not.toContain("cancel() called");
    expect(result.code).toBe(143);
  });

  it.each([
    ["an exception thrown from a timer", "crash-in-timer", "crash-job", "the data loader lost its connection", "src/arkor/crash-in-timer.ts:10:13"],
    ["an unhandled rejection", "rejection-unhandled", "rejection-job", "checkpoint upload failed", "src/arkor/rejection-unhandled.ts:9:25"],
  ])("%s after start() fails the job: cancel() runs, one line names the .ts location, exit 1", async (_case, file, jobId, message, location) => {
    const project = createProject("reliability");
    const result = await project.arkor(["start", `src/arkor/${file}.ts`, "--cancel-timeout", "0.5"]);
    expect(result.stdout).toContain(`Started job ${jobId}\ncancel() called\n`);
    expect(result.stderr).toContain(`Cancelling job ${jobId} (the trainer crashed); waiting up to 0.5s for it to stop.\n`);
    expect(result.stderr).toContain(`error: The trainer crashed: ${message} (at ${location})\n`);
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).toBe(1);
  });

  it("a crash in --json mode ends with error and end events", async () => {
    const project = createProject("reliability");
    const result = await project.arkor(["start", "src/arkor/crash-in-timer.ts", "--json", "--cancel-timeout", "0.5"]);
    const events = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(events.slice(-2).map((event) => event.type)).toEqual(["error", "end"]);
    expect(events.at(-2)).toMatchObject({ code: "TRAINER_FAILED", file: "src/arkor/crash-in-timer.ts", line: 10 });
    expect(events.at(-1)).toMatchObject({ exitCode: 1 });
    expect(result.code).toBe(1);
  });

  it("a wait() that never settles while nothing keeps the process alive is said in one line, exit 1 (not 13)", async () => {
    const project = createProject("reliability");
    const result = await project.arkor(["start", "src/arkor/wait-never-settles.ts"]);
    expect(result.stderr).toBe(
      "error: The trainer's wait() never settled, and the event loop emptied: nothing (a timer, a socket, a child process) keeps its job running. Make wait() settle when the job ends, or keep the job's work alive until it does.\n",
    );
    expect(result.code).toBe(1);
  });

  it.each(["stdout", "stderr"] as const)("a closed %s cancels the job quietly: cancel() runs, no stack, exit 141", async (stream) => {
    const project = createProject("reliability");
    await project.arkor(["build", "src/arkor/chatty.ts"]);
    const run = project.spawnArkor(["start"]);
    await run.waitFor("line 3");
    run.child[stream]!.destroy();
    const result = await run.exited;
    expect(result.code).toBe(141);
    expect(readFileSync(project.path("cancelled.marker"), "utf8")).toBe("cancel() ran\n");
    const other = stream === "stdout" ? result.stderr : result.stdout;
    expect(other).not.toMatch(/EPIPE|    at /);
  });
});

describe("the artifact under faults (issue 9)", () => {
  it("Ctrl-C during the write: the artifact, its map and its manifest are all old or all new, and no temp file stays", async () => {
    const project = createProject("reliability");
    // A large entry, so writing takes long enough to be interrupted.
    const big = (marker: string) =>
      `import { createTrainer } from "arkor";\nexport const marker = "${marker}";\n` +
      Array.from({ length: 4000 }, (_, i) => `export const value${i} = ${JSON.stringify(`${marker}-${i}-`.repeat(40))};`).join("\n") +
      `\nexport const trainer = createTrainer({ async start() { return { jobId: marker }; }, async wait() { return { job: { id: marker, status: "completed" } }; } });\n`;
    project.write("src/arkor/big.ts", big("old"));
    expect((await project.arkor(["build", "src/arkor/big.ts"])).code).toBe(0);
    const before = ["index.mjs", "index.mjs.map", "manifest.json"].map((name) => readFileSync(project.path(BUILD_DIR, name)));
    project.write("src/arkor/big.ts", big("new"));
    const sawTemp = new Promise<void>((resolve) => {
      const watcher = watch(project.path(BUILD_DIR), (_event, name) => {
        if (name?.toString().endsWith(".tmp")) (watcher.close(), resolve());
      });
    });
    const run = project.spawnArkor(["build", "src/arkor/big.ts"]);
    await sawTemp;
    run.child.kill("SIGINT");
    const result = await run.exited;
    const after = ["index.mjs", "index.mjs.map", "manifest.json"].map((name) => readFileSync(project.path(BUILD_DIR, name)));
    expect(readdirSync(project.path(BUILD_DIR)).sort()).toEqual(["index.mjs", "index.mjs.map", "manifest.json"]);
    const manifest = JSON.parse(after[2]!.toString());
    expect(manifest.artifact.sha256).toBe(sha256(after[0]!));
    if (result.code === 130) {
      expect(result.stderr).toBe("error: Cancelled by SIGINT.\n");
      after.forEach((bytes, index) => expect(bytes.equals(before[index]!)).toBe(true));
    } else {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Built src\/arkor\/big\.ts → /);
      after.forEach((bytes, index) => expect(bytes.equals(before[index]!)).toBe(false));
    }
  });

  it("a bundle() plugin that answers with a file it never wrote is named, and nothing says Built", async () => {
    const project = createProject("trainers", {
      "arkor.config.mjs": `export default { plugins: [{ name: "lazy-bundler", bundle: ({ outDir }) => ({ outFile: outDir + "/nowhere.mjs" }) }] };\n`,
    });
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe(
      `error: [plugin lazy-bundler] bundle: the artifact ${project.path(BUILD_DIR, "nowhere.mjs")} it answered with does not exist. Write it before answering, or return it in outputFiles.\n`,
    );
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("temp files of a killed build are removed by the next build; a live writer's are kept", async () => {
    const project = createProject("trainers");
    mkdirSync(project.path(BUILD_DIR), { recursive: true });
    const dead = `index.mjs.999999.0123abcd.tmp`;
    const live = `index.mjs.${process.pid}.89abcdef.tmp`;
    writeFileSync(project.path(BUILD_DIR, dead), "x".repeat(1000));
    writeFileSync(project.path(BUILD_DIR, live), "y");
    expect((await project.arkor(["build"])).code).toBe(0);
    expect(existsSync(project.path(BUILD_DIR, dead))).toBe(false);
    expect(existsSync(project.path(BUILD_DIR, live))).toBe(true);
  });

  it.each([
    ["an empty artifact", (file: string) => writeFileSync(file, ""), "is empty"],
    ["one cut before its last export", (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 60)), "is truncated"],
    ["one edited by hand", (file: string) => writeFileSync(file, readFileSync(file, "utf8").replace("completed", "completes")), "is corrupted: it does not match the hash its build recorded (was it edited by hand?)"],
  ])("%s is named as damaged, not blamed on the source", async (_case, damage, problem) => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    damage(project.path(ARTIFACT));
    const result = await project.arkor(["start"]);
    expect(result.stderr).toMatch(new RegExp(`^error: The build artifact \\.arkor/build/index\\.mjs ${problem.replace(/[()?]/g, "\\$&")}.*\\. Run arkor build to rebuild it\\.\\n$`));
    expect(result.code).toBe(1);
  });

  it("an artifact that is a folder is named as such", async () => {
    const project = createProject("trainers");
    mkdirSync(project.path(ARTIFACT), { recursive: true });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("error: The build artifact .arkor/build/index.mjs is not a file (it is a folder). Run arkor build to rebuild it.\n");
    expect(result.code).toBe(1);
  });

  it("without a manifest, an artifact cut short is still seen as truncated", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    writeFileSync(project.path(BUILD_DIR, "manifest.json"), "");
    const file = project.path(ARTIFACT);
    writeFileSync(file, readFileSync(file).subarray(0, -60));
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("error: The build artifact .arkor/build/index.mjs is truncated: it does not end as a build does. Run arkor build to rebuild it.\n");
    expect(result.code).toBe(1);
  });
});
