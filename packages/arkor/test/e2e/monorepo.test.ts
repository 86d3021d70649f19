import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, type TempProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = "apps/trainer/.arkor/build/index.mjs";

/**
 * fixtures/monorepo as a workspace install leaves it: `arkor` hoisted to the
 * root node_modules, the workspace packages linked into the app's node_modules
 * with relative symlinks, as pnpm does.
 */
function createMonorepo(): TempProject {
  const project = createProject("monorepo");
  const scope = project.path("apps/trainer/node_modules/@fixture");
  mkdirSync(scope, { recursive: true });
  for (const name of ["features", "metrics"]) {
    symlinkSync(path.relative(scope, project.path("packages", name)), path.join(scope, name), "dir");
  }
  // features' own dependency is linked into features alone: the app cannot see it.
  const featuresScope = project.path("packages/features/node_modules/@fixture");
  mkdirSync(featuresScope, { recursive: true });
  symlinkSync(path.relative(featuresScope, project.path("packages/precision")), path.join(featuresScope, "precision"), "dir");
  return project;
}

describe("a trainer app inside a monorepo", () => {
  it("arkor build --cwd apps/trainer inlines the TypeScript workspace package and keeps the JavaScript one external", async () => {
    const project = createMonorepo();
    const result = await project.arkor(["build", "--cwd", "apps/trainer"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(result.code).toBe(0);

    const artifact = project.read(ARTIFACT);
    expect(artifact).toContain("function standardize(values) {");
    expect(artifact).not.toContain("@fixture/features");
    // A dependency of the inlined package that the app cannot resolve at run time is inlined with it.
    expect(artifact).toContain("function roundTo(value, decimals) {");
    expect(artifact).not.toContain("@fixture/precision");
    expect(artifact).toContain('import { meanSquaredError, metricsModuleUrl } from "@fixture/metrics";');
    expect(artifact).not.toContain("function meanSquaredError(");
    expect(artifact).toMatch(/^import \{ createArkor, createTrainer \} from "arkor";$/m);
  });

  it("arkor start --cwd apps/trainer runs it, loading the JavaScript package from node_modules", async () => {
    const project = createMonorepo();
    const result = await project.arkor(["start", "--cwd", "apps/trainer"]);
    const metricsUrl = pathToFileURL(realpathSync(project.path("packages/metrics/index.js"))).href;
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      [
        builtLine("src/arkor/index.ts").trimEnd(),
        "Started job monorepo-job",
        "mse=1.000",
        `metrics loaded from ${metricsUrl}`,
        "Job monorepo-job finished with status=completed",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(0);
  });
});
