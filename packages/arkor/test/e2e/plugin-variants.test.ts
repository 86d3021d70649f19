import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, REPO_ROOT, spawnNode } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";

/** fixtures/plugin-variants: arkor.config.ts adds a resolver that picks a trainer by ARKOR_VARIANT. */
function variantsProject() {
  return createProject("plugin-variants");
}

describe("a resolver replacement: ARKOR_VARIANT picks one of several trainers", () => {
  it("with the variable unset it passes, and the default resolver picks src/arkor/index.ts", async () => {
    const result = await variantsProject().arkor(["start"], { env: { ARKOR_VARIANT: undefined } });
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(`${builtLine("src/arkor/index.ts")}Started job default\ndefault: loss=0.001854\nJob default finished with status=completed\n`);
    expect(result.code).toBe(0);
  });

  it("picks the variant the variable names, and the default esbuild bundler bundles it", async () => {
    const project = variantsProject();
    const build = await project.arkor(["build"], { env: { ARKOR_VARIANT: "long" } });
    expect(build.stderr).toBe("");
    expect(maskBuildStats(build.stdout)).toBe(builtLine("src/arkor/variants/long.ts"));
    expect(build.code).toBe(0);
    // esbuild's marks: a `// path` comment per inlined module and two-space indentation.
    const artifact = project.read(ARTIFACT);
    expect(artifact).toMatch(/^\/\/ src\/arkor\/fitSlope\.ts$/m);
    expect(artifact).toMatch(/^\/\/ src\/arkor\/variants\/long\.ts$/m);
    expect(artifact).toMatch(/^ {2}let loss = Number\.NaN;$/m);
    expect(artifact).toMatch(/^\/\/# sourceMappingURL=index\.mjs\.map$/m);

    const start = await project.arkor(["start"]);
    expect(start.stdout).toBe("Started job long\nlong: loss=0.000000\nJob long finished with status=completed\n");
    expect(start.code).toBe(0);
  });

  it("an entry typed on the command line still wins over the variable", async () => {
    const result = await variantsProject().arkor(["start", "src/arkor/variants/baseline.ts"], { env: { ARKOR_VARIANT: "long" } });
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/variants/baseline.ts")}Started job baseline\nbaseline: loss=1.625889\nJob baseline finished with status=completed\n`,
    );
    expect(result.code).toBe(0);
  });

  it.each(["huge", "../index"])("a variant that names no trainer (%s) fails, attributed to the plugin", async (variant) => {
    const project = variantsProject();
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command], { env: { ARKOR_VARIANT: variant } });
      expect(result.stderr).toBe(
        `error: [plugin variant-entry] resolveEntry: ARKOR_VARIANT=${variant} names no trainer in src/arkor/variants. Use one of: baseline, long.\n`,
      );
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
    }
  });

  it("its own test file (the one docs/plugins.md shows) passes under vitest, run in the project as its author would", async () => {
    const project = createProject("plugin-variants", {}, { link: ["vitest"] });
    // This suite runs under vitest too: drop its markers so the child is a vitest of its own.
    const ownMarkers = Object.fromEntries(Object.keys(process.env).filter((key) => key.startsWith("VITEST")).map((key) => [key, undefined]));
    const vitest = path.join(REPO_ROOT, "node_modules/vitest/vitest.mjs");
    const result = await spawnNode([vitest, "run"], { cwd: project.dir, env: ownMarkers }).exited;
    expect(result.stdout).toMatch(/✓ plugins\/variantEntry\.test\.ts \(5 tests\)/);
    expect(result.stdout).toMatch(/Tests {2}5 passed \(5\)/);
    expect(result.code).toBe(0);
  });
});
