import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, FIXTURES, REPO_ROOT, type TempProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = "apps/trainer/.arkor/build/index.mjs";

/**
 * fixtures/monorepo as a workspace install leaves it: `arkor` hoisted to the
 * root node_modules, the workspace packages linked into the app's node_modules
 * with relative symlinks, as pnpm does.
 */
function createMonorepo(): TempProject {
  const project = createProject("monorepo");
  linkWorkspace(project.dir);
  return project;
}

function linkWorkspace(root: string): void {
  const scope = path.join(root, "apps/trainer/node_modules/@fixture");
  mkdirSync(scope, { recursive: true });
  for (const name of ["features", "metrics"]) {
    symlinkSync(path.relative(scope, path.join(root, "packages", name)), path.join(scope, name), "dir");
  }
  // features' own dependency is linked into features alone: the app cannot see it.
  const featuresScope = path.join(root, "packages/features/node_modules/@fixture");
  mkdirSync(featuresScope, { recursive: true });
  symlinkSync(path.relative(featuresScope, path.join(root, "packages/precision")), path.join(featuresScope, "precision"), "dir");
}

/** `src/**` and `arkor.config.*` as a RegExp over posix paths: `**` crosses folders, `*` does not. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split("**")
    .map((part) => part.split("*").map((text) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${source}$`);
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

describe("monorepo caches", () => {
  it("the artifact and its map are byte for byte the same when the same project is built in another folder", async () => {
    const first = createMonorepo();
    expect((await first.arkor(["build", "--cwd", "apps/trainer"])).code).toBe(0);

    // Another absolute folder, deeper and with a space, as another machine or CI checkout would have it.
    const other = createProject("empty-project");
    const root = other.path("checkouts/team trainers");
    cpSync(path.join(FIXTURES, "monorepo"), root, { recursive: true });
    mkdirSync(path.join(root, "node_modules"));
    symlinkSync(path.join(REPO_ROOT, "packages/arkor"), path.join(root, "node_modules/arkor"), "dir");
    linkWorkspace(root);
    const built = await other.arkor(["build", "--cwd", path.join(root, "apps/trainer")]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);

    for (const file of [ARTIFACT, `${ARTIFACT}.map`]) {
      expect(readFileSync(path.join(root, file)).equals(readFileSync(first.path(file))), file).toBe(true);
    }
    expect(first.read(`${ARTIFACT}.map`)).not.toContain(first.dir);
  });

  it("turbo.json declares every file the build reads as an input and the artifact as an output", async () => {
    const turbo = JSON.parse(readFileSync(path.join(FIXTURES, "monorepo/turbo.json"), "utf8")) as {
      tasks: Record<string, { dependsOn?: string[]; inputs?: string[]; outputs?: string[] }>;
    };
    const build = turbo.tasks.build!;
    expect(build.inputs).toEqual(["src/**", "arkor.config.*", "$TURBO_ROOT$/pnpm-lock.yaml"]);
    // Workspace packages the trainer inlines have no build of their own: a transit task folds their files into the hash.
    expect(build.dependsOn).toContain("transit");
    expect(turbo.tasks.transit!.dependsOn).toEqual(["^transit"]);

    const project = createMonorepo();
    project.write("apps/trainer/arkor.config.mjs", "export default { plugins: [] };\n");
    expect((await project.arkor(["build", "--cwd", "apps/trainer"])).code).toBe(0);
    const app = realpathSync(project.path("apps/trainer"));
    const packages = realpathSync(project.path("packages"));
    const inputs = build.inputs!.filter((glob) => !glob.startsWith("$TURBO_ROOT$")).map(globToRegExp);
    const outputs = build.outputs!.map(globToRegExp);

    const map = JSON.parse(project.read(`${ARTIFACT}.map`)) as { sources: string[] };
    const sources = map.sources.map((source) => path.resolve(path.dirname(project.path(ARTIFACT)), source));
    expect(sources.length).toBeGreaterThan(2);
    for (const source of [...sources, path.join(app, "arkor.config.mjs")]) {
      const inApp = path.relative(app, source);
      if (!inApp.startsWith("..")) {
        expect(inputs.some((input) => input.test(inApp.split(path.sep).join("/"))), inApp).toBe(true);
      } else {
        // Covered by transit: a workspace package of the app.
        expect(path.relative(packages, source).startsWith(".."), source).toBe(false);
      }
    }
    for (const output of [".arkor/build/index.mjs", ".arkor/build/index.mjs.map"]) {
      expect(outputs.some((glob) => glob.test(output)), output).toBe(true);
    }
  });
});
