import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProject, runWithTsx, type TempProject } from "../../../../scripts/test-utils/index.js";

/** fixtures/node-idioms, with its CommonJS-only package installed as npm would. */
function idiomsProject(files: Record<string, string> = {}): TempProject {
  const project = createProject("node-idioms", files);
  cpSync(project.path("vendor/cjs-only"), project.path("node_modules/cjs-only"), { recursive: true });
  return project;
}

/** The lines the trainer's modules print when loaded: where each thinks it is. */
const located = (stdout: string) => stdout.split("\n").filter((line) => line !== "" && !/^(Built|Started|Job) /.test(line));

describe("Node idioms a bundle would break work in the artifact as they do from source", () => {
  it("__dirname, __filename, import.meta.url and .dirname name the source file, a file beside it is read, require() loads a CommonJS package: the same lines as tsx", async () => {
    const project = idiomsProject();
    const built = await project.arkor(["start"]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(located(built.stdout)).toEqual([
      "__dirname src/arkor",
      "__filename src/arkor/locations.ts",
      "import.meta.url src/arkor/locations.ts",
      "import.meta.dirname src/arkor",
      "csv beside the source 50,160",
      "require cjs-only says hello",
      "commonjs __dirname src/arkor",
      "esm idiom src/arkor",
      "calling fit",
      "model through an alias: slope 2",
      // start(): the CSV parsed in a worker thread, then fitted by the decorated class.
      "calling fit",
      "worker parsed 3 rows; price_k = 2.00 * size_sqm + 60.00",
    ]);
    // The same module, loaded from source by tsx, prints the same lines (start() is arkor's to call).
    const fromSource = await runWithTsx(project.dir, "src/arkor/index.ts");
    expect(fromSource.stderr).toBe("");
    expect(located(fromSource.stdout)).toEqual(located(built.stdout).slice(0, -2));
  });

  it("the artifact still runs after the project moves: the locations are relative to the artifact", async () => {
    const project = idiomsProject();
    expect((await project.arkor(["build"])).code).toBe(0);
    const moved = createProject();
    cpSync(project.dir, moved.dir, { recursive: true, filter: (source) => source !== project.path("node_modules/arkor") });
    // Nothing is left where it was built: a path baked in would now point at nothing.
    rmSync(project.dir, { recursive: true });
    const run = await moved.arkor(["start"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toContain("Built");
    expect(located(run.stdout)).toContain("csv beside the source 50,160");
    expect(located(run.stdout)).toContain("__dirname src/arkor");
  });

  it("the source map still points at the right line of a file given its location and of an artifact given require", async () => {
    const project = idiomsProject();
    const run = await project.arkor(["start"], { env: { FAIL_ON_PURPOSE: "1" } });
    expect(run.stderr).toBe("error: The trainer's wait() failed: failed on purpose (at src/arkor/locations.ts:22:9)\n");
    expect(run.code).toBe(1);
  });

  it("a plugin's virtual module, which arkor cannot shim, gets the artifact's own location, as before", async () => {
    const config = `import { esbuildBundler } from "arkor/plugins";
const virtual = {
  name: "virtual-where",
  setup(build) {
    build.onResolve({ filter: /^virtual:where$/ }, () => ({ path: "where", namespace: "virtual" }));
    build.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: "export const url = import.meta.url; export const dir = __dirname;", loader: "js" }));
  },
};
export default { plugins: [esbuildBundler({ esbuildPlugins: [virtual] })] };
`;
    const project = createProject(undefined, {
      "arkor.config.mjs": config,
      "src/arkor/index.ts": [
        'import path from "node:path";',
        'import { fileURLToPath } from "node:url";',
        'import { dir, url } from "virtual:where";',
        'console.log("virtual", path.relative(process.cwd(), fileURLToPath(url)), path.relative(process.cwd(), dir));',
        'console.log("source", path.relative(process.cwd(), __dirname));',
        'export const trainer = { name: "t", async start() { return { jobId: "t" }; }, async wait() { return { job: { id: "t", status: "completed" } }; } };',
      ].join("\n"),
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(located(result.stdout)).toEqual(["virtual .arkor/build/index.mjs .arkor/build", "source src/arkor"]);
  });

  it("adds nothing to an artifact that uses none of them", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    const artifact = project.read(".arkor/build/index.mjs");
    expect(artifact).not.toContain("createRequire");
    expect(artifact).not.toContain("arkor-source-location");
    expect(artifact).not.toMatch(/__arkor_/);
  });

  it.each([
    ["import(which)", "import", 'const which = "./locations"; export const later = () => import(which);'],
    ["require(which)", "require", 'const which = "./locations"; export const later = () => require(which);'],
  ])("a variable %s is a build warning naming file:line and what to do, and the build still succeeds", async (_call, kind, code) => {
    const project = idiomsProject({ "src/arkor/later.ts": `\n${code}\n`, "src/arkor/index.ts": 'export { later } from "./later";\nexport const trainer = { name: "t", async start() { return { jobId: "t" }; }, async wait() { return { job: { id: "t", status: "completed" } }; } };\n' });
    const result = await project.arkor(["build"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`This ${kind === "import" ? '"import" expression' : 'call to "require"'} will not be bundled because the argument is not a string literal`);
    expect(result.stderr).toContain("src/arkor/later.ts:2:");
    expect(result.stderr).toContain("Node resolves it when the artifact runs, from .arkor/build/");
  });

  it("a worker is bundled as its own entry beside the artifact, listed in the manifest, and changes with the artifact or not at all", async () => {
    const project = idiomsProject();
    expect((await project.arkor(["build"])).code).toBe(0);
    const workers = readdirSync(project.path(".arkor/build/workers")).sort();
    expect(workers).toEqual([expect.stringMatching(/^parse\.worker-[0-9a-f]{8}\.mjs$/), expect.stringMatching(/^parse\.worker-[0-9a-f]{8}\.mjs\.map$/)]);
    const worker = `.arkor/build/workers/${workers[0]}`;
    // Self-contained: its own import of ./csv is inlined, nothing TypeScript is left to load.
    expect(project.read(worker)).toContain("function parseCsv(");
    expect(project.read(worker)).not.toMatch(/from "\.\/csv"|\.ts"/);
    expect(project.read(".arkor/build/index.mjs")).toContain(`new URL("./workers/${workers[0]}", `);
    const manifest = JSON.parse(project.read(".arkor/build/manifest.json"));
    expect(manifest.outputs).toEqual([
      { path: ".arkor/build/index.mjs.map", bytes: expect.any(Number), sha256: sha256(project.path(".arkor/build/index.mjs.map")) },
      { path: worker, bytes: statSync(project.path(worker)).size, sha256: sha256(project.path(worker)) },
      { path: `${worker}.map`, bytes: expect.any(Number), sha256: sha256(project.path(`${worker}.map`)) },
    ]);
    const inputs = manifest.inputs.map((input: { path: string }) => input.path);
    expect(inputs).toEqual(expect.arrayContaining(["src/arkor/parse.worker.ts", "src/arkor/csv.ts"]));

    // An input only the worker reads: the build is stale.
    project.write("src/arkor/csv.ts", project.read("src/arkor/csv.ts").replace(".slice(1)", ".slice(1) // header"));
    const stale = JSON.parse((await project.arkor(["manifest", "--json"])).stdout.split("\n")[0]);
    expect(stale).toMatchObject({ stale: true, changed: [project.path("src/arkor/csv.ts")] });

    // A broken worker fails the build, and the artifact, its workers and the manifest stay as they were.
    const before = snapshot(project);
    project.write("src/arkor/csv.ts", "export function parseCsv(text: string) { return ;;; {\n");
    const failed = await project.arkor(["build"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("src/arkor/csv.ts:2:0:");
    expect(snapshot(project)).toEqual(before);
  });
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Every file under .arkor/build with its contents. */
function snapshot(project: TempProject): Record<string, string> {
  const root = project.path(".arkor/build");
  return Object.fromEntries(
    (readdirSync(root, { recursive: true }) as string[]).filter((name) => statSync(path.join(root, name)).isFile()).map((name) => [name, readFileSync(path.join(root, name), "utf8")]),
  );
}
