import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";

describe("arkor build", () => {
  it("bundles the default entry into .arkor/build/index.mjs", async () => {
    const project = createProject("quickstart");
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(result.code).toBe(0);
    expect(existsSync(project.path(ARTIFACT))).toBe(true);
  });

  it("writes one ESM file that keeps bare imports external and inlines relative ones", async () => {
    const project = createProject("quickstart");
    await project.arkor(["build"]);
    const artifact = project.read(ARTIFACT);
    expect(artifact).toMatch(/^import \{[^}]*createArkor[^}]*\} from "arkor";$/m);
    expect(artifact).toContain("function gradientStep("); // from ./model, inlined
    expect(artifact).toContain("Synthetic house sales"); // ../../data/houses.json, inlined
    expect(artifact).not.toMatch(/from "\.\.?\//); // no relative import left
    expect(artifact).not.toContain("require(");
  });

  it("targets Node 22.6: syntax newer than that is lowered", async () => {
    const project = createProject(undefined, {
      // `using` declarations are newer than node22.6, so esbuild must lower them.
      "src/arkor/index.ts": [
        'import { createTrainer } from "arkor";',
        "const resource = () => ({ [Symbol.dispose]() {} });",
        "export const trainer = createTrainer({",
        '  async start() { using handle = resource(); return { jobId: "lowered" }; },',
        '  async wait() { return { job: { id: "lowered", status: "completed" } }; },',
        "});",
      ].join("\n"),
    });
    expect((await project.arkor(["build"])).code).toBe(0);
    expect(project.read(ARTIFACT)).not.toMatch(/\busing handle\b/);
    const start = await project.arkor(["start"]);
    expect(start.stdout).toContain("Job lowered finished with status=completed");
  });

  it("accepts an entry relative to the project", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["build", "src/arkor/named-trainer.ts"]);
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
  });

  it("accepts an absolute entry", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["build", project.path("src/arkor/named-trainer.ts")]);
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
  });

  it("fails with the spec's message when the default entry is missing", async () => {
    const project = createProject("empty-project");
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe(
      `error: Build entry not found: ${project.path("src/arkor/index.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`,
    );
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("fails with the spec's message, naming the absolute path, when an explicit entry is missing", async () => {
    const project = createProject("quickstart");
    const result = await project.arkor(["build", "src/arkor/nope.ts"]);
    expect(result.stderr).toBe(
      `error: Build entry not found: ${project.path("src/arkor/nope.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`,
    );
    expect(result.code).toBe(1);
  });

  it("builds a project in another folder with --cwd", async () => {
    const project = createProject("quickstart");
    const elsewhere = createProject("empty-project");
    const result = await elsewhere.arkor(["build", "--cwd", project.dir]);
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(existsSync(project.path(ARTIFACT))).toBe(true);
    expect(existsSync(elsewhere.path(ARTIFACT))).toBe(false);
  });

  it("leaves the previous artifact untouched when a build fails", async () => {
    const project = createProject("quickstart");
    await project.arkor(["build"]);
    const before = readFileSync(project.path(ARTIFACT));
    project.write("src/arkor/model.ts", "export const broken = ;\n");
    const result = await project.arkor(["build"]);
    expect(result.code).toBe(1);
    // esbuild's own frame (its columns count from 0), then the one-line summary with the error's text.
    expect(result.stderr).toBe(
      [
        '✘ [ERROR] Unexpected ";"',
        "",
        "    src/arkor/model.ts:1:22:",
        "      1 │ export const broken = ;",
        "        ╵                       ^",
        "",
        'error: Build failed with 1 error: Unexpected ";"',
        "",
      ].join("\n"),
    );
    expect(readFileSync(project.path(ARTIFACT)).equals(before)).toBe(true);
  });
});
