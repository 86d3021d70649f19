import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";

/** Builds the good default entry first, so each case can prove the artifact survived. */
async function projectWithArtifact() {
  const project = createProject("reliability");
  expect((await project.arkor(["build"])).code).toBe(0);
  return { project, before: readFileSync(project.path(ARTIFACT)) };
}

describe("bad input at build time: one clear line, exit 1, previous artifact kept", () => {
  it.each([
    ["a folder as entry", "src/arkor", (dir: string) => `error: Build entry is a directory, not a file: ${dir}/src/arkor. Pass the trainer's file, such as ${dir}/src/arkor/index.ts.\n`],
    ["an empty file as entry", "src/arkor/empty.ts", (dir: string) => `error: Build entry is empty: ${dir}/src/arkor/empty.ts. Export a trainer from it, such as export const arkor = createArkor({ trainer }).\n`],
    [
      "a syntax error",
      "src/arkor/syntax-error.ts",
      () => 'error: Build failed: src/arkor/syntax-error.ts:3:25: Expected "}" but found ";"\n        return { jobId: "x" ;\n                            ^\n',
    ],
    [
      "a type-syntax error",
      "src/arkor/type-syntax-error.ts",
      () => 'error: Build failed: src/arkor/type-syntax-error.ts:4:24: Unexpected ">"\n    const options: Options<> = { epochs: 3 };\n                           ^\n',
    ],
    [
      "an import of a relative file that does not exist",
      "src/arkor/missing-relative.ts",
      () =>
        'error: Build failed: src/arkor/missing-relative.ts:1:26: Could not resolve "./schedule-that-does-not-exist" (no such file: check the path, or create it)\n' +
        '    import { schedule } from "./schedule-that-does-not-exist";\n' +
        `                             ${"^".repeat(32)}\n`,
    ],
  ])("%s", async (_, entry, expected) => {
    const { project, before } = await projectWithArtifact();
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command, entry]);
      expect(result.stderr).toBe(expected(project.dir));
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
      expect(readFileSync(project.path(ARTIFACT)).equals(before)).toBe(true);
    }
  });

  it("an .arkor that is not a writable folder", async () => {
    const project = createProject("reliability");
    writeFileSync(project.path(".arkor"), "in the way");
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe(
      `error: Cannot write the build artifact ${project.path(ARTIFACT)} (ENOTDIR). Make ${project.path(".arkor/build")} a writable folder, or delete it so arkor can create it.\n`,
    );
    expect(result.code).toBe(1);
    expect(project.read(".arkor")).toBe("in the way");
  });
});

describe("bad input at run time: one clear line and exit 1", () => {
  it.each([
    ["an import of a package that is not installed", "missing-package", "error: The trainer imports 'not-installed-tensor-lib', which is not installed. Install it in the project (npm install not-installed-tensor-lib), then run arkor start again.\n"],
    ["an arkor manifest without a trainer", "manifest-without-trainer", "error: The 'arkor' export is a createArkor manifest without a trainer. Pass one: createArkor({ trainer }).\n"],
    ["an object with start but no wait", "start-without-wait", "error: The 'trainer' export is not a trainer: it has no wait() method. A trainer needs both start() and wait(), as createTrainer({...}) checks.\n"],
    ["start() throwing, with the trainer's message and its source line", "start-throws", "error: The trainer's start() failed: quota exceeded for project demo (at src/arkor/start-throws.ts:3:11)\n"],
    ["wait() rejecting, pointing at the TypeScript source, not the bundle", "wait-throws", "error: The trainer's wait() failed: training diverged: loss became NaN (at src/arkor/boom.ts:5:9)\n"],
    ["start() resolving without a jobId", "no-job-id", 'error: The trainer\'s start() must resolve to { jobId: string }, but resolved to {"id":42}. Return the job\'s id from start().\n'],
    ["wait() resolving to nothing", "wait-resolves-nothing", "error: The trainer's wait() must resolve to { job: { id: string, status: string } }, but resolved to undefined. Return the job's final status from wait().\n"],
    ["top-level code throwing while the artifact loads", "top-level-throw", "error: The trainer threw while loading: epochs must be positive (at src/arkor/top-level-throw.ts:4:9)\n"],
  ])("%s", async (_, name, expected) => {
    const project = createProject("reliability");
    const result = await project.arkor(["start", `src/arkor/${name}.ts`]);
    expect(result.stderr).toBe(expected);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(1);
  });

  it("names the TypeScript lines in the stack that ARKOR_DEBUG=1 prints, not the bundle's", async () => {
    const project = createProject("reliability");
    const result = await project.arkor(["start", "src/arkor/wait-throws.ts"], { env: { ARKOR_DEBUG: "1" } });
    expect(result.stderr).toContain(`Error: training diverged: loss became NaN\n    at trainStep (${project.path("src/arkor/boom.ts")}:5:9)\n`);
    expect(result.stderr).not.toContain(".arkor/build/index.mjs");
    expect(result.code).toBe(1);
  });

  it.each([
    ["truncated", (artifact: Buffer) => artifact.subarray(0, Math.floor(artifact.length / 2))],
    ["corrupted", () => Buffer.from([0, 1, 2, 0x7b])],
  ])("a %s artifact says to run arkor build", async (_, damage) => {
    const { project, before } = await projectWithArtifact();
    writeFileSync(project.path(ARTIFACT), damage(before));
    const result = await project.arkor(["start"]);
    // The reason in parentheses is V8's parse error, which depends on where the damage is.
    expect(result.stderr).toMatch(
      /^error: The build artifact \.arkor\/build\/index\.mjs is not valid JavaScript \([^\n]+\); it may be truncated or corrupted\. Run arkor build to rebuild it\.\n$/,
    );
    expect(result.code).toBe(1);
  });
});

describe("unusual paths", () => {
  it("a project path with spaces, parentheses and non-ASCII characters", async () => {
    const outer = createProject("reliability");
    const dir = outer.path("my trainer (copy) ü 模型");
    mkdirSync(`${dir}/src/arkor`, { recursive: true });
    writeFileSync(`${dir}/package.json`, "{}");
    writeFileSync(`${dir}/src/arkor/boom.ts`, readFileSync(outer.path("src/arkor/boom.ts")));
    writeFileSync(`${dir}/src/arkor/entry with space.ts`, readFileSync(outer.path("src/arkor/wait-throws.ts")));
    // node_modules/arkor from the outer project resolves for the nested one too.
    const result = await outer.arkor(["start", "src/arkor/entry with space.ts", "--cwd", dir]);
    expect(result.stdout).toBe("Built src/arkor/entry with space.ts → .arkor/build/index.mjs\nStarted job wait-throws-job\n");
    expect(result.stderr).toBe("error: The trainer's wait() failed: training diverged: loss became NaN (at src/arkor/boom.ts:5:9)\n");
    expect(result.code).toBe(1);
  });

  it("an entry reached through a symlink", async () => {
    const project = createProject("trainers");
    symlinkSync(project.path("src/arkor/named-trainer.ts"), project.path("linked.ts"));
    const result = await project.arkor(["start", "linked.ts"]);
    expect(result.stdout).toBe("Built linked.ts → .arkor/build/index.mjs\nStarted job named-trainer-job\nJob named-trainer-job finished with status=completed\n");
    expect(result.code).toBe(0);
  });
});
