import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";

const BUILT = /^Built src\/arkor\/warnings\.ts → \.arkor\/build\/index\.mjs \(\d+(\.\d)? (B|kB)\) in \d+ ms\n$/;

describe("what a build says at a terminal (issue 12)", () => {
  const warnings = {
    "src/arkor/warnings.ts": [
      'import { createTrainer } from "arkor";',
      "const settings = { epochs: 1, epochs: 2 };",
      'if (typeof settings === "strng") console.log("never");',
      'export const trainer = createTrainer({ async start() { return { jobId: "w" }; }, async wait() { return { job: { id: "w", status: "completed" } }; } });',
      "",
    ].join("\n"),
  };

  it("ends the build line with the artifact's size and the build time", async () => {
    const project = createProject("trainers", warnings);
    const result = await project.arkor(["build", "src/arkor/warnings.ts"]);
    expect(result.stdout).toMatch(BUILT);
  });

  it("shows every warning as esbuild formats it, with its code frame and note, and exits 0", async () => {
    const project = createProject("trainers", warnings);
    const result = await project.arkor(["build", "src/arkor/warnings.ts"]);
    expect(result.stderr).toBe(
      [
        '▲ [WARNING] Duplicate key "epochs" in object literal [duplicate-object-key]',
        "",
        "    src/arkor/warnings.ts:2:30:",
        "      2 │ const settings = { epochs: 1, epochs: 2 };",
        "        ╵                               ~~~~~~",
        "",
        '  The original key "epochs" is here:',
        "",
        "    src/arkor/warnings.ts:2:19:",
        "      2 │ const settings = { epochs: 1, epochs: 2 };",
        "        ╵                    ~~~~~~",
        "",
        '▲ [WARNING] The "typeof" operator will never evaluate to "strng" [impossible-typeof]',
        "",
        "    src/arkor/warnings.ts:3:24:",
        '      3 │ if (typeof settings === "strng") console.log("never");',
        "        ╵                         ~~~~~~~",
        "",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(0);
  });

  it("shows every error, not only the first, then one summary line, and exits 1", async () => {
    const project = createProject("trainers", {
      "src/arkor/two-errors.ts": 'import "./missing-one";\nimport "./missing-two";\nexport const trainer = 1;\n',
    });
    const result = await project.arkor(["build", "src/arkor/two-errors.ts"]);
    expect(result.stderr.match(/✘ \[ERROR\] Could not resolve/g)).toHaveLength(2);
    // With the hint docs/reliability.md promises for a missing relative import.
    const hint = " (no such file: check the path, or create it)";
    expect(result.stderr).toContain(`✘ [ERROR] Could not resolve "./missing-one"${hint}\n\n    src/arkor/two-errors.ts:1:7:\n`);
    expect(result.stderr).toContain(`✘ [ERROR] Could not resolve "./missing-two"${hint}\n\n    src/arkor/two-errors.ts:2:7:\n`);
    expect(result.stderr.endsWith(`error: Build failed with 2 errors: Could not resolve "./missing-one"${hint}\n`)).toBe(true);
    expect(result.code).toBe(1);
  });

  it("colours the frames and error: on request (FORCE_COLOR) even when piped, and never with NO_COLOR", async () => {
    const project = createProject("trainers", { "src/arkor/broken.ts": "export const x = {;\n" });
    const forced = await project.arkor(["build", "src/arkor/broken.ts"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stderr).toContain("\u001b[31m");
    expect(forced.stderr).toContain("\u001b[31merror:\u001b[39m Build failed");
    const plain = await project.arkor(["build", "src/arkor/broken.ts"], { env: { NO_COLOR: "1" } });
    expect(plain.stderr).not.toContain("\u001b[");
  });

  it("-q and --silent print only errors: no build line, no warnings, no job lines; the trainer's own output stays", async () => {
    const project = createProject("trainers", warnings);
    for (const flag of ["-q", "--silent"]) {
      const built = await project.arkor(["build", "src/arkor/warnings.ts", flag]);
      expect(built).toMatchObject({ stdout: "", stderr: "", code: 0 });
      const started = await project.arkor(["start", flag]);
      expect(started).toMatchObject({ stdout: "", stderr: "", code: 0 });
      const failed = await project.arkor(["build", "src/arkor/missing.ts", flag]);
      expect(failed.stderr).toBe(`error: Build entry not found: ${project.path("src/arkor/missing.ts")}. Create src/arkor/index.ts or pass an explicit entry argument.\n`);
      expect(failed.code).toBe(1);
    }
  });
});
