import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createProject, spawnNode } from "../../../../scripts/test-utils/index.js";

/** Runs an ES module script inside the project with the Node the suite targets. */
async function runScript(project: ReturnType<typeof createProject>, source: string) {
  project.write("script.mjs", source);
  return spawnNode(["script.mjs"], { cwd: project.dir }).exited;
}

describe("the programmatic API from the arkor package", () => {
  it("runTrainer runs a built artifact and resolves to the outcome", async () => {
    const project = createProject("trainers");
    await project.arkor(["build", "src/arkor/failed-job.ts"]);
    const result = await runScript(
      project,
      'import { runTrainer } from "arkor";\nconst outcome = await runTrainer(".arkor/build/index.mjs");\nconsole.log(JSON.stringify(outcome));\n',
    );
    expect(result.stderr).toBe("");
    const [started, finished, json] = result.stdout.trimEnd().split("\n");
    expect([started, finished]).toEqual(["Started job fails-job", "Job fails-job finished with status=failed"]);
    expect(JSON.parse(json!)).toEqual({ jobId: "fails-job", status: "failed", result: { job: { id: "fails-job", status: "failed" } }, exitCode: 1, cancelled: false });
  });

  it("runTrainer() looks for src/arkor/index.ts under process.cwd() and rejects with the spec's message when it is missing", async () => {
    const project = createProject("empty-project");
    const result = await runScript(
      project,
      'import { runTrainer } from "arkor";\ntry { await runTrainer(); } catch (error) { console.log(error.code, error.message); }\n',
    );
    expect(result.stdout).toBe(`TRAINING_ENTRY_NOT_FOUND Training entry not found: ${project.path("src/arkor/index.ts")}. Provide a path or create src/arkor/index.ts.\n`);
  });

  it("runTrainer() on a named pipe says what it is instead of opening it (which would hang)", async () => {
    const project = createProject("empty-project");
    execFileSync("mkfifo", [project.path("pipe.mjs")]);
    const result = await runScript(
      project,
      'import { runTrainer } from "arkor";\ntry { await runTrainer("pipe.mjs"); } catch (error) { console.log(error.code, error.message); }\n',
    );
    expect(result.stdout).toBe(`ENTRY_NOT_A_FILE Training entry is a named pipe (FIFO), not a regular file: ${project.path("pipe.mjs")}. Pass the built trainer, such as .arkor/build/index.mjs.\n`);
  });

  it("runTrainer() on a TypeScript entry runs where Node strips types, and otherwise says how to run it", async () => {
    const project = createProject(undefined, {
      "package.json": '{ "type": "module" }',
      "src/arkor/index.ts": [
        'import { createArkor } from "arkor";',
        "const trainer = {",
        '  async start(): Promise<{ jobId: string }> { return { jobId: "ts-job" }; },',
        '  async wait() { return { job: { id: "ts-job", status: "completed" } }; },',
        "};",
        "export const arkor = createArkor({ trainer });",
      ].join("\n"),
    });
    const result = await runScript(
      project,
      [
        'import { runTrainer } from "arkor";',
        "const canStrip = Boolean(process.features.typescript);",
        'try { await runTrainer(); console.log(canStrip, "ran"); } catch (error) { console.log(canStrip, error.message); }',
      ].join("\n"),
    );
    const [canStrip, ...rest] = result.stdout.trim().split("\n").pop()!.split(" ");
    if (canStrip === "true") {
      expect(result.stdout).toContain("Job ts-job finished with status=completed\n");
      expect(rest.join(" ")).toBe("ran");
    } else {
      expect(rest.join(" ")).toMatch(
        /^Node v\d+\.\d+\.\d+ cannot import the TypeScript file src\/arkor\/index\.ts directly\. Build it first with arkor build and run \.arkor\/build\/index\.mjs, or run under a TypeScript loader such as tsx\.$/,
      );
    }
  });

  it("aborting the signal cancels the job in a real process, with no signal handlers installed", async () => {
    const project = createProject("reliability");
    await project.arkor(["build"]);
    const result = await runScript(
      project,
      [
        'import { runTrainer } from "arkor";',
        "const controller = new AbortController();",
        "// Abort once the job prints that it is training, not after a guessed delay.",
        "const log = console.log;",
        'console.log = (...args) => { log(...args); if (args[0] === "training") controller.abort(); };',
        'const outcome = await runTrainer(".arkor/build/index.mjs", { signal: controller.signal });',
        'console.log(JSON.stringify({ status: outcome.status, exitCode: outcome.exitCode, handlers: process.listenerCount("SIGINT") }));',
      ].join("\n"),
    );
    expect(result.stdout).toContain("cancel() called\n");
    expect(result.stdout.trimEnd().split("\n").pop()).toBe('{"status":"cancelled","exitCode":1,"handlers":0}');
    expect(result.stderr).toBe("Cancelling job cooperative-job; waiting up to 10s for it to stop.\n");
  });

  it("startProject with loadPlugins from arkor/plugins builds as the CLI does, the project's config included", async () => {
    const project = createProject("trainers", {
      "arkor.config.mjs": 'export default { plugins: [{ name: "pick-named-trainer", resolveEntry: ({ cwd }) => `${cwd}/src/arkor/named-trainer.ts` }] };\n',
    });
    const result = await runScript(
      project,
      [
        'import { startProject } from "arkor";',
        'import { loadPlugins } from "arkor/plugins";',
        "const cwd = process.cwd();",
        "const outcome = await startProject({ cwd, plugins: () => loadPlugins(cwd), onBuilt: (built) => console.log(`built ${built.entry}`) });",
        "console.log(outcome.exitCode);",
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `built ${project.path("src/arkor/named-trainer.ts")}\nStarted job named-trainer-job\nJob named-trainer-job finished with status=completed\n0\n`,
    );
  });
});
