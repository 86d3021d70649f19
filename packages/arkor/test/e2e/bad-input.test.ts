import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject } from "../../../../scripts/test-utils/index.js";
import { mountTmpfs } from "../../../../scripts/test-utils/mounts.js";

const ARTIFACT = ".arkor/build/index.mjs";

/**
 * One esbuild error as esbuild prints it (its columns count from 0), then
 * arkor's one-line summary, which names the error's text (the frame gives where).
 */
function esbuildError(text: string, location: string, sourceLine: string, marker: string): string {
  return [`✘ [ERROR] ${text}`, "", `    ${location}`, sourceLine, marker, "", `error: Build failed with 1 error: ${text}`, ""].join("\n");
}

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
      () =>
        esbuildError(
          'Expected "}" but found ";"',
          "src/arkor/syntax-error.ts:3:24:",
          '      3 │     return { jobId: "x" ;',
          "        ╵                         ^",
        ),
    ],
    [
      "a type-syntax error",
      "src/arkor/type-syntax-error.ts",
      () =>
        esbuildError(
          'Unexpected ">"',
          "src/arkor/type-syntax-error.ts:4:23:",
          "      4 │ const options: Options<> = { epochs: 3 };",
          "        ╵                        ^",
        ),
    ],
    [
      "an import of a relative file that does not exist",
      "src/arkor/missing-relative.ts",
      () =>
        esbuildError(
          'Could not resolve "./schedule-that-does-not-exist" (no such file: check the path, or create it)',
          "src/arkor/missing-relative.ts:1:25:",
          '      1 │ import { schedule } from "./schedule-that-does-not-exist";',
          `        ╵                          ${"~".repeat(32)}`,
        ),
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

  it.each([
    ["named pipe (FIFO)", async (file: string) => void execFileSync("mkfifo", [file])],
    ["socket", async (file: string) => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(file, resolve));
      onTestFinished(() => void server.close());
    }],
    ["character device", async (file: string) => symlinkSync("/dev/null", file)],
  ])("a %s as entry is refused, not opened (which would hang)", async (kind, make) => {
    const { project, before } = await projectWithArtifact();
    await make(project.path("src/arkor/odd.ts"));
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command, "src/arkor/odd.ts"]);
      expect(result.stderr).toBe(`error: Build entry is a ${kind}, not a regular file: ${project.path("src/arkor/odd.ts")}. Pass the trainer's source file, such as src/arkor/index.ts.\n`);
      expect(result.code).toBe(1);
      expect(readFileSync(project.path(ARTIFACT)).equals(before)).toBe(true);
    }
  });

  it("a file where a folder of the entry's path should be is the spec's 'not found'", async () => {
    const project = createProject(undefined, { "package.json": "{}", "src/arkor": "not a folder" });
    for (const args of [["build"], ["start"], ["build", "src/arkor/index.ts"]]) {
      const result = await project.arkor(args);
      expect(result.stderr).toBe(`error: Build entry not found: ${project.path("src/arkor/index.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`);
      expect(result.code).toBe(1);
    }
  });

  it("a symlink loop as entry says the path is a loop", async () => {
    const { project, before } = await projectWithArtifact();
    symlinkSync("loop.ts", project.path("src/arkor/loop.ts"));
    for (const entry of ["src/arkor/loop.ts", "src/arkor/loop.ts/index.ts"]) {
      for (const command of ["build", "start"]) {
        const result = await project.arkor([command, entry]);
        expect(result.stderr).toBe(`error: Build entry path is a loop of symlinks: ${project.path(entry)}. Point the links at the trainer's file, or pass the file itself.\n`);
        expect(result.code).toBe(1);
        expect(readFileSync(project.path(ARTIFACT)).equals(before)).toBe(true);
      }
    }
  });

  it("a full disk says the disk is full, not that the folder is unwritable", async () => {
    const project = createProject("reliability");
    mkdirSync(project.path(".arkor"));
    const unmount = mountTmpfs(project.path(".arkor"), "16k");
    try {
      expect(() => writeFileSync(project.path(".arkor/filler"), Buffer.alloc(1 << 20))).toThrow(/ENOSPC/);
      const result = await project.arkor(["build"]);
      expect(result.stderr).toBe(`error: Cannot write the build artifact ${project.path(ARTIFACT)}: the disk is full (ENOSPC). Free some space on it, then build again.\n`);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
    } finally {
      unmount();
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
    ["start() rejecting with a plain { message, status } object", "start-rejects-object", "error: The trainer's start() failed: quota exceeded for project demo\n"],
    ["start() throwing, with the trainer's message and its source line", "start-throws", "error: The trainer's start() failed: quota exceeded for project demo (at src/arkor/start-throws.ts:3:11)\n"],
    ["wait() rejecting, pointing at the TypeScript source, not the bundle", "wait-throws", "error: The trainer's wait() failed: training diverged: loss became NaN (at src/arkor/boom.ts:5:9)\n"],
    ["start() resolving without a jobId", "no-job-id", "error: The trainer's start() must resolve to { jobId: string }, but resolved to { id: 42 }. Return the job's id from start().\n"],
    ["start() resolving to a BigInt", "start-resolves-bigint", "error: The trainer's start() must resolve to { jobId: string }, but resolved to 42n. Return the job's id from start().\n"],
    ["wait() resolving to a circular object", "wait-resolves-circular", "error: The trainer's wait() must resolve to { job: { id: string, status: string } }, but resolved to <ref *1> { state: 'done', self: [Circular *1] }. Return the job's final status from wait().\n"],
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
    [
      "truncated",
      (artifact: Buffer) => artifact.subarray(0, Math.floor(artifact.length / 2)),
      (artifact: Buffer) => `is truncated (${Math.floor(artifact.length / 2)} of ${artifact.length} bytes)`,
    ],
    [
      "corrupted",
      (artifact: Buffer) => Buffer.concat([artifact, Buffer.from('console.log("edited by hand");\n')]),
      () => "is corrupted: it does not match the hash its build recorded (was it edited by hand?)",
    ],
  ])("a %s artifact says to run arkor build", async (_, damage, problem) => {
    const { project, before } = await projectWithArtifact();
    writeFileSync(project.path(ARTIFACT), damage(before));
    const result = await project.arkor(["start"]);
    // The manifest the build wrote beside it records the artifact's size and hash.
    expect(result.stderr).toBe(`error: The build artifact .arkor/build/index.mjs ${problem(before)}. Run arkor build to rebuild it.\n`);
    expect(result.stdout).toBe("");
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
    expect(maskBuildStats(result.stdout)).toBe(`${builtLine("src/arkor/entry with space.ts")}Started job wait-throws-job\n`);
    expect(result.stderr).toBe("error: The trainer's wait() failed: training diverged: loss became NaN (at src/arkor/boom.ts:5:9)\n");
    expect(result.code).toBe(1);
  });

  it("a * in the project path and the entry's name is a character, not a wildcard", async () => {
    const outer = createProject("reliability");
    const dir = outer.path("my*project");
    mkdirSync(`${dir}/src/arkor`, { recursive: true });
    writeFileSync(`${dir}/package.json`, "{}");
    writeFileSync(`${dir}/src/arkor/index.ts`, readFileSync(outer.path("src/arkor/wait-throws.ts")));
    writeFileSync(`${dir}/src/arkor/boom.ts`, readFileSync(outer.path("src/arkor/boom.ts")));
    writeFileSync(`${dir}/src/arkor/v*.ts`, readFileSync(outer.path("src/arkor/wait-throws.ts")));
    // A config too: it is bundled with esbuild the same way.
    writeFileSync(`${dir}/arkor.config.ts`, "export default { plugins: [] };\n");
    for (const entry of [[], ["src/arkor/v*.ts"]]) {
      const result = await outer.arkor(["start", ...entry, "--cwd", dir]);
      expect(maskBuildStats(result.stdout)).toBe(`${builtLine(`src/arkor/${entry.length ? "v*" : "index"}.ts`)}Started job wait-throws-job\n`);
      expect(result.stderr).toBe("error: The trainer's wait() failed: training diverged: loss became NaN (at src/arkor/boom.ts:5:9)\n");
      rmSync(`${dir}/.arkor`, { recursive: true });
    }
  });

  it("an entry reached through a symlink", async () => {
    const project = createProject("trainers");
    symlinkSync(project.path("src/arkor/named-trainer.ts"), project.path("linked.ts"));
    const result = await project.arkor(["start", "linked.ts"]);
    expect(maskBuildStats(result.stdout)).toBe(`${builtLine("linked.ts")}Started job named-trainer-job\nJob named-trainer-job finished with status=completed\n`);
    expect(result.code).toBe(0);
  });
});
