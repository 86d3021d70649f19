import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, moduleTrace } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";
const NO_EXPORT =
  "Training entry must export 'arkor' (from createArkor({...})) or 'trainer' (from createTrainer({...})), or default-export one of them.";

describe("arkor start: the spec's behaviour table", () => {
  it("entry argument passed: rebuilds with the given entry, then runs", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]); // an artifact of the default entry already exists
    const result = await project.arkor(["start", "src/arkor/named-trainer.ts"]);
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/named-trainer.ts")}Started job named-trainer-job\nJob named-trainer-job finished with status=completed\n`,
    );
    expect(result.code).toBe(0);
  });

  it("artifact missing, no entry: builds the default entry, then runs", async () => {
    const project = createProject("quickstart");
    const result = await project.arkor(["start"]);
    const [built, started] = maskBuildStats(result.stdout).split("\n");
    expect(`${built}\n`).toBe(builtLine("src/arkor/index.ts"));
    expect(started).toMatch(/^Started job job-\w+$/);
    const jobId = /Started job (\S+)/.exec(result.stdout)![1];
    expect(result.stdout).toContain(`Job ${jobId} finished with status=completed\n`);
    expect(result.stdout).toMatch(/epoch 400\/400 loss=178\.\d+/);
    expect(result.code).toBe(0);
    expect(existsSync(project.path(ARTIFACT))).toBe(true);
  });

  it("artifact present, no entry: runs it as it is, without rebuilding", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    const artifact = readFileSync(project.path(ARTIFACT));
    // Change the source: a reused artifact still runs the old code.
    project.write("src/arkor/index.ts", 'export const trainer = { start() {}, wait() {} }; throw new Error("source was rebuilt");\n');
    const result = await project.arkor(["start"]);
    expect(result.stdout).toBe("Started job named-arkor-job\nJob named-arkor-job finished with status=completed\n");
    expect(result.code).toBe(0);
    expect(readFileSync(project.path(ARTIFACT)).equals(artifact)).toBe(true);
  });

  it("reports the spec's build error for a missing entry, before running anything", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "src/arkor/missing.ts"]);
    expect(result.stderr).toBe(
      `error: Build entry not found: ${project.path("src/arkor/missing.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`,
    );
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("reports the spec's build error when the artifact and the default entry are both missing", async () => {
    const project = createProject("empty-project");
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe(
      `error: Build entry not found: ${project.path("src/arkor/index.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`,
    );
    expect(result.code).toBe(1);
  });

  it("reports the spec's error when the entry exports no trainer", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "src/arkor/no-trainer.ts"]);
    expect(result.stderr).toBe(`error: ${NO_EXPORT}\n`);
    expect(result.code).toBe(1);
  });

  it("runs a project in another folder with --cwd", async () => {
    const project = createProject("trainers");
    const elsewhere = createProject("empty-project");
    const result = await elsewhere.arkor(["start", "--cwd", project.dir]);
    expect(result.stdout).toContain("Started job named-arkor-job\n");
    expect(result.code).toBe(0);
    expect(existsSync(project.path(ARTIFACT))).toBe(true);
  });

  it("says so when --cwd names a folder that does not exist", async () => {
    const project = createProject("empty-project");
    const result = await project.arkor(["start", "--cwd", "no/such/dir"]);
    expect(result.stderr).toBe(`error: Project folder not found: ${project.path("no/such/dir")}. Pass an existing folder to --cwd.\n`);
    expect(result.code).toBe(1);
  });

  it.each([
    ["a file", "package.json", (dir: string) => `error: Project folder is a file, not a folder: ${dir}/package.json. Pass the project's folder to --cwd, such as ${dir}.\n`],
    [
      "a path through a file",
      "package.json/sub",
      (dir: string) => `error: Project folder not found: ${dir}/package.json/sub (${dir}/package.json is a file, not a folder). Pass an existing folder to --cwd.\n`,
    ],
  ])("says so when --cwd names %s", async (_, cwd, expected) => {
    const project = createProject("empty-project");
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command, "--cwd", cwd]);
      expect(result.stderr).toBe(expected(project.dir));
      expect(result.code).toBe(1);
    }
  });
});

describe("arkor start: export shapes, in the spec's order", () => {
  const cases: Array<[entry: string, jobId: string]> = [
    ["src/arkor/index.ts", "named-arkor-job"], // export const arkor = createArkor(...)
    ["src/arkor/named-trainer.ts", "named-trainer-job"], // export const trainer
    ["src/arkor/default-manifest.ts", "default-manifest-job"], // export default createArkor(...)
    ["src/arkor/default-trainer.ts", "default-trainer-job"], // export default trainer
    ["src/arkor/all-three.ts", "named-arkor-job"], // arkor wins over trainer and default
    ["src/arkor/trainer-and-default.ts", "named-trainer-job"], // trainer wins over default
    ["src/arkor/default-object.ts", "default-object-job"], // upstream's export default { trainer }
    ["src/arkor/manifest-then-trainer.ts", "manifest-then-trainer-job"], // createArkor({}) falls through to trainer
    ["src/arkor/function-trainer.ts", "function-trainer-job"], // a function with start() and wait() attached
    ["src/arkor/commonjs.cjs", "commonjs-job"], // exports.trainer in CommonJS, found inside the bundle's default export
    ["src/arkor/commonjs-require.cjs", "commonjs-require-job"], // require("arkor") in CommonJS: createTrainer, and import's classes
  ];
  it.each(cases)("%s runs %s", async (entry, jobId) => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", entry]);
    expect(result.stdout).toContain(`Started job ${jobId}\nJob ${jobId} finished with status=${"completed"}\n`);
    expect(result.code).toBe(0);
  });
});

describe("arkor start: exit status", () => {
  it("exits 1 when the job failed", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "src/arkor/failed-job.ts"]);
    expect(result.stdout).toContain("Job fails-job finished with status=failed\n");
    expect(result.code).toBe(1);
  });

  it("exits 1 when the job was cancelled", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "src/arkor/cancelled-job.ts"]);
    expect(result.stdout).toContain("Job cancelled-job finished with status=cancelled\n");
    expect(result.code).toBe(1);
  });

  it("prints an error without a stack, and the stack with ARKOR_DEBUG=1", async () => {
    const project = createProject("trainers");
    const quiet = await project.arkor(["start", "src/arkor/no-trainer.ts"]);
    expect(quiet.stderr).not.toContain("    at ");
    const debug = await project.arkor(["start", "src/arkor/no-trainer.ts"], { env: { ARKOR_DEBUG: "1" } });
    expect(debug.stderr).toContain(`error: ${NO_EXPORT}\n`);
    expect(debug.stderr).toMatch(/\n {4}at /);
    expect(debug.code).toBe(1);
  });
});

describe("arkor start with an artifact present", () => {
  it("loads neither esbuild, the config loader nor the Studio, with the manifest's hash and staleness checks running", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    const trace = moduleTrace(project);
    const env = trace.env;
    expect(existsSync(project.path(".arkor/build/manifest.json"))).toBe(true); // so the hash and staleness checks run
    const result = await project.arkor(["start"], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const loaded = trace.loaded();
    expect(loaded).toContain("/packages/runner/dist/index.js");
    expect(loaded).not.toMatch(/esbuild|loadConfig|@arkor\/bundler|packages\/bundler|@arkor\/studio|packages\/studio/);

    // A stale artifact: the check finds the edited source, still without a bundler.
    project.write("src/arkor/index.ts", `${project.read("src/arkor/index.ts")}// edited\n`);
    rmSync(project.path("loaded.txt"));
    const stale = await project.arkor(["start"], { env });
    expect(stale.stderr).toContain("(src/arkor/index.ts changed since the build)");
    expect(stale.code).toBe(0);
    expect(trace.loaded()).not.toMatch(/esbuild|loadConfig|@arkor\/bundler|packages\/bundler/);

    rmSync(project.path(".arkor"), { recursive: true });
    rmSync(project.path("loaded.txt"));
    await project.arkor(["start"], { env }); // without an artifact it must build, so esbuild loads
    expect(trace.loaded()).toMatch(/esbuild/);
  });

  it("trusts the recorded hash of an artifact as its build wrote it, and hashes one whose time moved", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    const manifest = JSON.parse(project.read(".arkor/build/manifest.json")) as { artifact: { bytes: number; mtimeMs: number; sha256: string } };
    const written = statSync(project.path(ARTIFACT));
    expect(manifest.artifact).toMatchObject({ bytes: written.size, mtimeMs: written.mtimeMs });
    const trace = moduleTrace(project);
    const trusted = await project.arkor(["start", "--json"], { env: trace.env });
    expect(trusted.code).toBe(0);
    // Neither read nor hashed: so not even node:crypto loads (nor child_process, which only a parse error needs).
    expect(trace.builtins()).not.toContain("node:crypto");
    expect(trace.builtins()).not.toContain("node:child_process");
    expect(trusted.stdout).toContain(`"sha256":"${manifest.artifact.sha256}"`);

    // Same bytes written again: the time moved, so the hash decides (and still matches).
    writeFileSync(project.path(ARTIFACT), readFileSync(project.path(ARTIFACT)));
    rmSync(project.path("loaded.txt.builtins"));
    const hashed = await project.arkor(["start"], { env: trace.env });
    expect(hashed.code).toBe(0);
    expect(trace.builtins()).toContain("node:crypto");
  });
});
