import * as esbuild from "esbuild";
import { mkdirSync, symlinkSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, runWithTsx, spawnNode, type TempProject } from "../../../../scripts/test-utils/index.js";

/** A method decorator that says which kind of decorator call it got: legacy ones get three arguments, standard ones two. */
const decorated = (label: string) => `function kind(...args: unknown[]): any {
  console.log(\`${label}: \${args.length === 3 ? "legacy" : "standard"}\`);
}
export class Model {
  @kind fit() {}
}
`;

const TRAINER = `import { Model as Aliased } from "@core/models/linear";
import { Model as Relative } from "../core/models/relative";
import { Model as Workspace } from "@acme/models";
export const trainer = {
  name: "decorators",
  async start() { return { jobId: [Aliased, Relative, Workspace].map((model) => model.name).join("-") }; },
  async wait() { return { job: { id: "models", status: "completed" } }; },
};
`;

/**
 * The app's tsconfig (with comments and a trailing comma, as tsconfig allows) turns legacy decorators
 * on or off and maps `@core/*`; the workspace package `@acme/models`, linked into node_modules as
 * workspaces do, ships TypeScript and has its own tsconfig.
 */
function decoratorProject(app: boolean, workspace: boolean): TempProject {
  const project = createProject(undefined, {
    "tsconfig.json": `{\n  // the app's own\n  "compilerOptions": { "experimentalDecorators": ${app}, "baseUrl": ".", "paths": { "@core/*": ["src/core/*"] } },\n}\n`,
    "src/core/models/linear.ts": decorated("alias"),
    "src/core/models/relative.ts": decorated("relative"),
    "src/arkor/index.ts": TRAINER,
    "packages/models/package.json": JSON.stringify({ name: "@acme/models", type: "module", exports: { ".": "./src/index.ts" } }),
    "packages/models/tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: workspace } }),
    "packages/models/src/index.ts": decorated("workspace"),
  });
  mkdirSync(project.path("node_modules/@acme"), { recursive: true });
  symlinkSync(project.path("packages/models"), project.path("node_modules/@acme/models"), "dir");
  return project;
}

/** The decorator lines a run printed, in order. */
const kinds = (stdout: string) => stdout.split("\n").filter((line) => /^(alias|relative|workspace): /.test(line));

describe("tsconfig applies to every file it covers, however the file is reached", () => {
  it.each([true, false])("experimentalDecorators: %s in the app's tsconfig holds for a file reached through a paths alias, as tsx runs it", async (legacy) => {
    const project = decoratorProject(legacy, legacy);
    const built = await project.arkor(["start"]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const expected = legacy ? "legacy" : "standard";
    expect(kinds(built.stdout).filter((line) => !line.startsWith("workspace"))).toEqual([`alias: ${expected}`, `relative: ${expected}`]);
    const fromSource = await runWithTsx(project.dir, "src/arkor/index.ts");
    expect(fromSource.stderr).toBe("");
    expect(kinds(built.stdout)).toEqual(kinds(fromSource.stdout));
  });

  it.each([
    [true, false],
    [false, true],
  ])("a workspace package's own tsconfig (experimentalDecorators: %s, the app's %s) applies to its files, as esbuild --bundle does", async (workspace, app) => {
    const project = decoratorProject(app, workspace);
    const built = await project.arkor(["start"]);
    expect(built.stderr).toBe("");
    expect(kinds(built.stdout)).toContain(`workspace: ${workspace ? "legacy" : "standard"}`);
    // esbuild bundling the same entry on its own, everything inlined.
    await esbuild.build({ absWorkingDir: project.dir, entryPoints: ["src/arkor/index.ts"], bundle: true, platform: "node", target: "node20", format: "esm", outfile: "plain.mjs", logLevel: "silent" });
    const plain = await spawnNode(["plain.mjs"], { cwd: project.dir }).exited;
    expect(plain.stderr).toBe("");
    expect(kinds(built.stdout)).toEqual(kinds(plain.stdout));
  });
});

describe("tsconfig is a build input", () => {
  /** A project whose tsconfig extends a base, which turns legacy decorators on. */
  const extendingProject = () => {
    const project = decoratorProject(true, true);
    project.write("tsconfig.base.json", '{ "compilerOptions": { "experimentalDecorators": true } }\n');
    project.write("tsconfig.json", '{ "extends": "./tsconfig.base", "compilerOptions": { "baseUrl": ".", "paths": { "@core/*": ["src/core/*"] } } }\n');
    return project;
  };

  it.each([
    ["tsconfig.json", "the project's tsconfig"],
    ["tsconfig.base.json", "a tsconfig it extends"],
    ["packages/models/package.json", "an inlined package's package.json"],
  ])("editing %s (%s) makes the build stale, named in arkor manifest", async (file) => {
    const project = extendingProject();
    expect((await project.arkor(["build"])).code).toBe(0);
    const inputs = JSON.parse(project.read(".arkor/build/manifest.json")).inputs.map((input: { path: string }) => input.path);
    expect(inputs).toContain(file);
    expect((await project.arkor(["manifest", "--json"])).stdout).toContain('"stale":false');
    project.write(file, project.read(file).replace("{", '{ "description": "edited",'));
    const manifest = JSON.parse((await project.arkor(["manifest", "--json"])).stdout.split("\n")[0]);
    expect(manifest).toMatchObject({ stale: true, changed: [project.path(file)] });
  });

  it("build --watch rebuilds when a tsconfig it extends changes, and the artifact follows it", async () => {
    const project = extendingProject();
    const watching = project.spawnArkor(["build", "--watch"]);
    await watching.waitFor("Watching");
    const first = project.read(".arkor/build/index.mjs");
    project.write("tsconfig.base.json", '{ "compilerOptions": { "experimentalDecorators": false } }\n');
    await watching.waitFor(/Built[^\n]*\n[^]*Built/);
    expect(project.read(".arkor/build/index.mjs")).not.toBe(first);
    watching.child.kill("SIGINT");
    await watching.exited;
    const run = await project.arkor(["start"]);
    // The workspace package keeps its own tsconfig, which extends nothing.
    expect(kinds(run.stdout)).toEqual(["alias: standard", "relative: standard", "workspace: legacy"]);
  });
});
