import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, moduleTrace, REPO_ROOT } from "../../../../scripts/test-utils/index.js";

const version = JSON.parse(readFileSync(`${REPO_ROOT}/packages/arkor/package.json`, "utf8")).version as string;

describe("arkor's command line", () => {
  it("--version prints the package's version", async () => {
    const result = await createProject().arkor(["--version"]);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
  });

  it.each(["--version", "-v"])("%s loads no runner, no bundler and no command line framework", async (flag) => {
    const project = createProject();
    const trace = moduleTrace(project);
    const result = await project.arkor([flag], { env: trace.env });
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
    expect(trace.loaded()).toContain("/packages/arkor/dist/cli.js");
    expect(trace.loaded()).not.toMatch(/runner|bundler|esbuild|clipanion|packages\/cli\//);
  });

  it("--help lists both commands with their descriptions, without colours when piped", async () => {
    const result = await createProject().arkor(["--help"]);
    expect(result.stdout).toContain(`arkor - ${version}`);
    expect(result.stdout).toContain("arkor build [--cwd #0] [entry]\n    Bundle the trainer into .arkor/build/index.mjs");
    expect(result.stdout).toContain("arkor start [--cwd #0] [--cancel-timeout #0] [entry]\n    Run the trainer: start() then wait()");
    expect(result.stdout).not.toContain("\u001b[");
    expect(result.code).toBe(0);
  });

  it.each([
    ["build", "Bundle the trainer into .arkor/build/index.mjs", "$ arkor build src/arkor/experiment.ts"],
    ["start", "Run the trainer: start() then wait()", "$ arkor start src/arkor/experiment.ts"],
  ])("%s --help shows a description, details and examples", async (command, description, example) => {
    const result = await createProject().arkor([command, "--help"]);
    expect(result.stdout.startsWith(`${description}\n`)).toBe(true);
    expect(result.stdout).toContain("Details");
    expect(result.stdout).toContain(example);
    expect(result.code).toBe(0);
  });

  it("an unknown command exits non-zero and lists the commands there are", async () => {
    const result = await createProject().arkor(["biuld"]);
    expect(result.stderr).toContain("Command not found; did you mean one of:");
    expect(result.stderr).toContain("arkor build [--cwd #0] [entry]");
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("an unknown option exits non-zero and names it", async () => {
    const result = await createProject().arkor(["build", "--watch"]);
    expect(result.stderr).toContain('Unsupported option name ("--watch")');
    expect(result.code).toBe(1);
  });

  it("rejects a --cancel-timeout that is not a number of seconds", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "--cancel-timeout", "soon"]);
    expect(result.stderr).toBe('error: --cancel-timeout must be a number of seconds, got "soon". Example: --cancel-timeout 30.\n');
    expect(result.code).toBe(1);
  });
});
