import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";

/** fixtures/plugin-unplugin: the config adds unplugin-raw, an unplugin from the npm registry, to the default bundler. */
function unpluginProject() {
  return createProject("plugin-unplugin", {}, { link: ["unplugin-raw"] });
}

describe("an unplugin through the config: unplugin-raw's esbuild adapter", () => {
  it("lets the trainer import its CSV dataset as text", async () => {
    const project = unpluginProject();
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      builtLine("src/arkor/index.ts") +
        "Started job house-prices\n" +
        "5 houses: price_k = 2.00 * size_sqm + 60.00\n" +
        "Job house-prices finished with status=completed\n",
    );
    expect(result.code).toBe(0);
    // The dataset is inlined into the artifact as a string; nothing reads the CSV at run time.
    expect(project.read(ARTIFACT)).toContain('var houses_default = "size_sqm,price_k\\n50,160\\n');
    // The manifest records the CSV itself, the file behind "?raw", so a change to the data makes the build stale (and the project's package.json and tsconfig).
    const manifest = JSON.parse(project.read(".arkor/build/manifest.json")) as { inputs: { path: string }[] };
    expect(manifest.inputs.map((input) => input.path)).toEqual(["data/houses.csv", "package.json", "src/arkor/index.ts", "tsconfig.json"]);
    rmSync(project.path("data"), { recursive: true });
    expect((await project.arkor(["start"])).stdout).toContain("5 houses: price_k = 2.00 * size_sqm + 60.00\n");
  });

  it("without the config, esbuild cannot load ?raw: the unplugin is what makes it work", async () => {
    const project = unpluginProject();
    rmSync(project.path("arkor.config.ts"));
    const result = await project.arkor(["build"]);
    // esbuild's own words, in its frame, then the summary line.
    expect(result.stderr).toContain('✘ [ERROR] No loader is configured for ".csv" files: data/houses.csv?raw\n\n    src/arkor/index.ts:3:22:\n');
    expect(result.stderr.endsWith('\nerror: Build failed with 1 error: No loader is configured for ".csv" files: data/houses.csv?raw\n')).toBe(true);
    expect(result.code).toBe(1);
  });
});
