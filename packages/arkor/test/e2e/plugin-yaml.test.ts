import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject } from "../../../../scripts/test-utils/index.js";

const ARTIFACT = ".arkor/build/index.mjs";

/** fixtures/plugin-yaml: the config adds esbuild-plugin-yaml, from the npm registry, to the default bundler. */
function yamlProject() {
  return createProject("plugin-yaml", {}, { link: ["esbuild-plugin-yaml"] });
}

describe("a third-party esbuild plugin through the config: esbuild-plugin-yaml", () => {
  it("lets the trainer import its data and hyperparameters from a YAML file", async () => {
    const project = yamlProject();
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      builtLine("src/arkor/index.ts") +
        "Started job celsius-to-fahrenheit\n" +
        "6 samples: fahrenheit = 1.80 * celsius + 32.00\n" +
        "Job celsius-to-fahrenheit finished with status=completed\n",
    );
    expect(result.code).toBe(0);
    // The data is inlined into the artifact; nothing reads the YAML at run time.
    const artifact = project.read(ARTIFACT);
    expect(artifact).toContain('samples: [{ celsius: -10, fahrenheit: 14 }');
    expect(artifact).not.toContain(".yaml\"");
  });

  it("without the config, esbuild has no loader for .yaml: the plugin is what makes it work", async () => {
    const project = yamlProject();
    rmSync(project.path("arkor.config.ts"));
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe(
      [
        '✘ [ERROR] No loader is configured for ".yaml" files: data/run.yaml',
        "",
        "    src/arkor/index.ts:2:16:",
        '      2 │ import run from "../../data/run.yaml";',
        `        ╵                 ${"~".repeat(21)}`,
        "",
        'error: Build failed with 1 error: No loader is configured for ".yaml" files: data/run.yaml',
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(1);
  });

  it("a YAML mistake is reported with the esbuild plugin's name, and the previous artifact stays", async () => {
    const project = yamlProject();
    expect((await project.arkor(["build"])).code).toBe(0);
    const before = project.read(ARTIFACT);
    project.write("data/run.yaml", "name: [celsius\n");
    const result = await project.arkor(["build"]);
    const yamlError = "unexpected end of the stream within a flow collection (2:1)\n\n 1 | name: [celsius\n 2 | \n-----^";
    // esbuild's frame: the plugin's message (esbuild adds its name), where it was imported, and the plugin's callback as a note.
    const head = [
      `✘ [ERROR] ${yamlError} [plugin yaml]`,
      "",
      "    src/arkor/index.ts:2:16:",
      '      2 │ import run from "../../data/run.yaml";',
      `        ╵                 ${"~".repeat(21)}`,
      "",
      '  This error came from the "onLoad" callback registered here:',
      "",
    ].join("\n");
    expect(result.stderr.slice(0, head.length)).toBe(head);
    expect(result.stderr).toMatch(/\/esbuild-plugin-yaml\/dist\/index\.js:\d+:\d+:\n +\d+ │ +build\.onLoad\(/);
    // esbuild puts the JavaScript stack of the plugin's callback there too: not for the user to read.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const summary = `\n\nerror: Build failed with 1 error: [plugin yaml] ${yamlError}\n`;
    expect(result.stderr.slice(-summary.length)).toBe(summary);
    expect(result.code).toBe(1);
    expect(project.read(ARTIFACT)).toBe(before);
  });
});
