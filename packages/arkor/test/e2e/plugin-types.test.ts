import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject, REPO_ROOT, spawnNode, type TempProject } from "../../../../scripts/test-utils/index.js";

const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");

function tsc(project: TempProject, tsconfig = "tsconfig.json") {
  return spawnNode([TSC, "-p", tsconfig, "--pretty", "false"], { cwd: project.dir }).exited;
}

/** fixtures/plugin-types, with both arkor and @arkor/core installed, as a plugin package would have them. */
function typesProject(): TempProject {
  const project = createProject("plugin-types", {}, { link: ["@types/node"] });
  mkdirSync(project.path("node_modules/@arkor"));
  symlinkSync(path.join(REPO_ROOT, "packages/core"), project.path("node_modules/@arkor/core"), "dir");
  return project;
}

describe("plugins written in TypeScript get full type checking", () => {
  it("a plugin using every exported plugin type, from arkor and @arkor/core, type-checks", async () => {
    const result = await tsc(typesProject());
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("each mistake in a plugin or config is a type error at its line", async () => {
    const result = await tsc(typesProject(), "tsconfig.mistakes.json");
    const errors = result.stdout.split("\n").filter((line) => line.startsWith("mistakes/"));
    expect(errors).toEqual([
      "mistakes/mistakes.ts(7,3): error TS2322: Type '() => number' is not assignable to type '(ctx: ResolveEntryContext) => Awaitable<string | null | undefined>'.",
      "mistakes/mistakes.ts(12,3): error TS2561: Object literal may only specify known properties, but 'resolveEntri' does not exist in type 'ArkorPlugin'. Did you mean to write 'resolveEntry'?",
      "mistakes/mistakes.ts(17,14): error TS2339: Property 'outfile' does not exist on type 'BundleContext'.",
      "mistakes/mistakes.ts(22,3): error TS2322: Type '() => Promise<{ file: string; }>' is not assignable to type '(ctx: BundleContext) => Awaitable<BundleResult | null | undefined>'.",
      "mistakes/mistakes.ts(25,14): error TS2741: Property 'name' is missing in type '{ resolveEntry: () => null; }' but required in type 'ArkorPlugin'.",
      "mistakes/mistakes.ts(29,31): error TS2561: Object literal may only specify known properties, but 'plugin' does not exist in type 'ArkorConfig'. Did you mean to write 'plugins'?",
    ]);
    expect(result.code).toBe(2);
  });

  it.each([
    ["plugin-variants", ["@types/node", "vitest"]],
    ["plugin-rolldown", ["@types/node", "rolldown"]],
    ["plugin-unplugin", ["unplugin-raw"]],
  ])("the %s fixture's config and plugin type-check", async (fixture, link) => {
    const result = await tsc(createProject(fixture, {}, { link }));
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
