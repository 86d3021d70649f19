import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, spawnNode } from "../../../../scripts/test-utils/index.js";

// Reads the artifact in a tight loop until told to stop, and counts the reads
// that saw an incomplete file: what a start racing a build would import.
const READER = `
const { existsSync, readFileSync } = require("node:fs");
let reads = 0, partial = 0;
while (!existsSync("stop")) {
  let text = "";
  try { text = readFileSync(".arkor/build/index.mjs", "utf8"); } catch { partial++; continue; }
  reads++;
  if (!text.endsWith("//# sourceMappingURL=index.mjs.map\\n")) partial++;
}
console.log(JSON.stringify({ reads, partial }));
`;

describe("several arkor processes on one project at once", () => {
  it("never see a partial artifact and never fail because of each other", async () => {
    const project = createProject("trainers", {
      // A few megabytes of inlined data widen the window in which a non-atomic write would be seen half done.
      "src/arkor/weights.ts": `export const weights = [${Array.from({ length: 300_000 }, (_, i) => (i * 0.618) % 1).join(",")}];\n`,
      "src/arkor/heavy.ts": [
        'import { fakeTrainer } from "./fakeTrainer";',
        'import { weights } from "./weights";',
        'export const trainer = fakeTrainer(weights.length === 300_000 ? "heavy" : "truncated");',
      ].join("\n"),
    });
    expect((await project.arkor(["build"])).code).toBe(0);
    const reader = spawnNode(["-e", READER], { cwd: project.dir });
    // It loops until told to stop: a test that fails before saying so must not leave it spinning.
    onTestFinished(() => void (reader.child.exitCode === null && reader.child.kill("SIGKILL")));

    for (let round = 0; round < 3; round++) {
      const runs = [
        ...[0, 1, 2].map((i) => project.arkor(["build", i % 2 ? "src/arkor/heavy.ts" : "src/arkor/index.ts"])),
        ...[0, 1, 2, 3].map(() => project.arkor(["start"])),
        project.arkor(["start", "src/arkor/default-trainer.ts"]),
      ];
      for (const result of await Promise.all(runs)) {
        // A start that reuses another entry's build (heavy.ts's, or the explicit start's) says so, as for any entry but the default.
        expect(result.stderr).toMatch(/^(|Running the build of src\/arkor\/(heavy|default-trainer)\.ts \(built [^)\n]+\)\n)$/);
        expect(result.code).toBe(0);
        // Each start ran one whole artifact: one of the entries the builds wrote.
        if (result.stdout.includes("Started")) {
          expect(result.stdout).toMatch(/Started job (named-arkor|heavy|default-trainer)-job\nJob \1-job finished with status=completed\n$/);
        }
      }
    }
    project.write("stop", "");
    const { reads, partial } = JSON.parse((await reader.exited).stdout);
    expect(reads).toBeGreaterThan(0);
    expect(partial).toBe(0);
    // Temp files were renamed or removed; only the artifact, its map and the manifest remain, from the same build.
    expect(readdirSync(project.path(".arkor/build")).sort()).toEqual(["index.mjs", "index.mjs.map", "manifest.json"]);
    const manifest = JSON.parse(project.read(".arkor/build/manifest.json"));
    expect(manifest.artifact.sha256).toBe(createHash("sha256").update(readFileSync(project.path(".arkor/build/index.mjs"))).digest("hex"));
  });

  it("two starts on a project without an artifact both run; the first at least builds", async () => {
    const project = createProject("trainers");
    const results = await Promise.all([project.arkor(["start"]), project.arkor(["start"])]);
    const built = builtLine("src/arkor/index.ts");
    const ran = "Started job named-arkor-job\nJob named-arkor-job finished with status=completed\n";
    for (const result of results) {
      // A start that finds the other's artifact already written reuses it, as the spec says.
      expect([built + ran, ran]).toContain(maskBuildStats(result.stdout));
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    }
    expect(results.some((result) => maskBuildStats(result.stdout).startsWith(built))).toBe(true);
  });
});
