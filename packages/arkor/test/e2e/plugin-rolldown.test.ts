import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, REPO_ROOT } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";
const ROLLDOWN_VERSION = JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules/rolldown/package.json"), "utf8")).version as string;

/** fixtures/plugin-rolldown: arkor.config.ts replaces the bundle step with Rolldown. */
function rolldownProject(files: Record<string, string> = {}) {
  return createProject("plugin-rolldown", files, { link: ["rolldown"] });
}

describe("a bundler replacement: Rolldown instead of esbuild", () => {
  it("builds an artifact that arkor start runs", async () => {
    const project = rolldownProject();
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/index.ts")}Started job rolldown-line\nfitted y = 3.00x + 1.00\nJob rolldown-line finished with status=completed\n`,
    );
    expect(result.code).toBe(0);
  });

  it("the artifact was made by Rolldown, not esbuild", async () => {
    const project = rolldownProject();
    expect((await project.arkor(["build"])).code).toBe(0);
    const artifact = project.read(ARTIFACT);
    expect(artifact.startsWith(`// Bundled by Rolldown ${ROLLDOWN_VERSION}\n`)).toBe(true);
    // Rolldown's code generator indents with tabs; esbuild's with two spaces.
    expect(artifact).toMatch(/^\tconst warmup = /m);
    expect(artifact).not.toMatch(/^ {2}\S/m);
    // Same contract as esbuild's: bare imports kept, relative ones inlined, the enum compiled away.
    expect(artifact).toMatch(/^import \{ createArkor, createTrainer \} from "arkor";$/m);
    expect(artifact).not.toMatch(/from "\.\.?\//);
    expect(artifact).not.toContain("enum ");
  });

  it("the default resolver still picks the entry: an explicit one, and the spec's error for a missing one", async () => {
    const project = rolldownProject();
    const experiment = await project.arkor(["start", "src/arkor/experiment.ts"]);
    expect(maskBuildStats(experiment.stdout)).toBe(
      `${builtLine("src/arkor/experiment.ts")}Started job rolldown-experiment\nfitted y = 2.95x + 1.06\nJob rolldown-experiment finished with status=completed\n`,
    );
    expect(experiment.code).toBe(0);

    const missing = await project.arkor(["build", "src/arkor/nope.ts"]);
    expect(missing.stderr).toBe(
      `error: Build entry not found: ${project.path("src/arkor/nope.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`,
    );
    expect(missing.code).toBe(1);
  });

  it("Rolldown's errors come out as one line attributed to the plugin, and the previous artifact stays", async () => {
    const project = rolldownProject({ "src/arkor/broken.ts": "export const trainer = {;\n" });
    expect((await project.arkor(["build"])).code).toBe(0);
    const before = project.read(ARTIFACT);
    const result = await project.arkor(["build", "src/arkor/broken.ts"]);
    expect(result.stderr).toBe("error: [plugin rolldown] bundle: src/arkor/broken.ts:1:25: Unexpected token\n");
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
    expect(project.read(ARTIFACT)).toBe(before);
  });
});
