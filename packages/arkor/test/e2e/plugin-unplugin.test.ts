import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
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
    expect(result.stdout).toBe(
      `Built src/arkor/index.ts → ${ARTIFACT}\n` +
        "Started job house-prices\n" +
        "5 houses: price_k = 2.00 * size_sqm + 60.00\n" +
        "Job house-prices finished with status=completed\n",
    );
    expect(result.code).toBe(0);
    // The dataset is inlined into the artifact as a string; nothing reads the CSV at run time.
    expect(project.read(ARTIFACT)).toContain('var houses_default = "size_sqm,price_k\\n50,160\\n');
    rmSync(project.path("data"), { recursive: true });
    expect((await project.arkor(["start"])).stdout).toContain("5 houses: price_k = 2.00 * size_sqm + 60.00\n");
  });

  it("without the config, esbuild cannot load ?raw: the unplugin is what makes it work", async () => {
    const project = unpluginProject();
    rmSync(project.path("arkor.config.ts"));
    const result = await project.arkor(["build"]);
    // esbuild's own words; the frame around them is the build error's format.
    expect(result.stderr).toContain('src/arkor/index.ts:3:23: No loader is configured for ".csv" files: data/houses.csv?raw');
    expect(result.code).toBe(1);
  });
});
