import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { createProject, REPO_ROOT, type TempProject } from "../../../../scripts/test-utils/index.js";
import { mountBind, mountReadOnly, mountTmpfs } from "../../../../scripts/test-utils/mounts.js";

/** A config whose plugin picks named-trainer.ts, so a run proves the config was loaded and came first. */
const PICK_NAMED_TRAINER = `{
  plugins: [{ name: "pick-named-trainer", resolveEntry: ({ cwd }) => cwd + "/src/arkor/named-trainer.ts" }],
}`;

/** Every file in the project root: a temporary config bundle left behind would show up here. */
function rootFiles(project: TempProject): string[] {
  return readdirSync(project.dir).sort();
}

describe("arkor.config.*", () => {
  it("loads a TypeScript config with defineConfig, its own relative imports and node_modules imports", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": [
        'import { defineConfig } from "arkor";',
        'import { esbuildBundler } from "arkor/plugins";',
        'import { pickEntry } from "./plugins/pickEntry";',
        "",
        'export default defineConfig({ plugins: [pickEntry("src/arkor/named-trainer.ts"), esbuildBundler()] });',
      ].join("\n"),
      "plugins/pickEntry.ts": [
        'import path from "node:path";',
        'import type { ArkorPlugin } from "arkor";',
        "",
        "export function pickEntry(entry: string): ArkorPlugin {",
        '  return { name: "pick-entry", resolveEntry: ({ cwd }) => path.join(cwd, entry) };',
        "}",
      ].join("\n"),
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/named-trainer.ts")}Started job named-trainer-job\nJob named-trainer-job finished with status=completed\n`,
    );
    expect(result.code).toBe(0);
    expect(rootFiles(project)).toEqual([".arkor", "arkor.config.ts", "node_modules", "package.json", "plugins", "src"]);
  });

  it.each(["arkor.config.mts", "arkor.config.js", "arkor.config.mjs"])("loads %s with a plain object default export", async (name) => {
    const project = createProject("trainers", { [name]: `export default ${PICK_NAMED_TRAINER};\n` });
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
    expect(rootFiles(project)).toEqual([".arkor", name, "node_modules", "package.json", "src"]);
  });

  it.each([
    [
      "arkor.config.cjs",
      ['const path = require("node:path");', "module.exports = {", '  plugins: [{ name: "cjs", resolveEntry: () => path.join(__dirname, "src/arkor/named-trainer.ts") }],', "};"],
    ],
    [
      "arkor.config.cts",
      ['import path from "node:path";', 'const entry: string = path.join(__dirname, "src/arkor/named-trainer.ts");', 'export default { plugins: [{ name: "cts", resolveEntry: () => entry }] };'],
    ],
    // defineConfig from arkor: require in CommonJS, import in ESM.
    ["arkor.config.cjs", ['const path = require("node:path");', 'const { defineConfig } = require("arkor");', "module.exports = defineConfig({", '  plugins: [{ name: "cjs", resolveEntry: () => path.join(__dirname, "src/arkor/named-trainer.ts") }],', "});"]],
    ["arkor.config.mjs", ['import path from "node:path";', 'import { defineConfig } from "arkor";', "export default defineConfig({", '  plugins: [{ name: "mjs", resolveEntry: ({ cwd }) => path.join(cwd, "src/arkor/named-trainer.ts") }],', "});"]],
  ])("loads %s", async (name, lines) => {
    const project = createProject("trainers", { [name]: lines.join("\n") });
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
    expect(rootFiles(project)).toEqual([".arkor", name, "node_modules", "package.json", "src"]);
  });

  it("refuses an arkor.config.<ext> it does not load, naming the ones it does, instead of ignoring it", async () => {
    const project = createProject("trainers", { "arkor.config.json": '{ "plugins": [] }\n' });
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command]);
      expect(result.stderr).toBe(
        "error: Failed to load arkor.config.json: arkor loads its config only from arkor.config.ts, .mts, .cts, .js, .mjs or .cjs, as code. Rename it to one of those.\n",
      );
      expect(result.code).toBe(1);
    }
  });

  it("loads a CommonJS arkor.config.js, with require() and __dirname", async () => {
    const project = createProject("trainers", {
      "arkor.config.js": [
        'const path = require("node:path");',
        "module.exports = {",
        '  plugins: [{ name: "cjs", resolveEntry: () => path.join(__dirname, "src/arkor/named-trainer.ts") }],',
        "};",
      ].join("\n"),
    });
    project.write("package.json", "{}\n"); // no "type": "module", so .js is CommonJS
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
    expect(rootFiles(project)).toEqual([".arkor", "arkor.config.js", "node_modules", "package.json", "src"]);

    project.write("arkor.config.js", 'const mine = require("arkor-plugin-not-installed");\nmodule.exports = { plugins: [mine()] };\n');
    const missing = await project.arkor(["build"]);
    expect(missing.stderr).toBe(
      "error: Failed to load arkor.config.js: Cannot find module 'arkor-plugin-not-installed' (at arkor.config.js:1:14). Install it in the project, or fix the import.\n",
    );
    expect(missing.code).toBe(1);
    expect(rootFiles(project)).toEqual([".arkor", "arkor.config.js", "node_modules", "package.json", "src"]);
  });

  it("loads in a read-only project folder, through .arkor/, with node_modules imports and its own location intact", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": [
        'import { readFileSync } from "node:fs";',
        'import { defineConfig } from "arkor";',
        "",
        "// The entry is named in a file beside the config, found through import.meta.url.",
        'const entry = readFileSync(new URL("./entry.txt", import.meta.url), "utf8").trim();',
        'export default defineConfig({ plugins: [{ name: "entry-file", resolveEntry: ({ cwd }) => cwd + "/" + entry }] });',
      ].join("\n"),
      "entry.txt": "src/arkor/named-trainer.ts\n",
    });
    mkdirSync(project.path(".arkor"));
    const writable = mkdtempSync(path.join(os.tmpdir(), "arkor-writable-"));
    const unmountRoot = mountReadOnly(project.dir);
    let unmountArkor = () => {};
    try {
      unmountArkor = mountBind(writable, project.path(".arkor"));
      expect(() => writeFileSync(project.path("probe"), "")).toThrow(/EROFS/);
      const result = await project.arkor(["build"]);
      expect(result.stderr).toBe("");
      expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
      expect(result.code).toBe(0);
      expect(readdirSync(writable)).toEqual(["build"]);
    } finally {
      unmountArkor();
      unmountRoot();
      rmSync(writable, { recursive: true, force: true });
    }
  });

  it("says what it could not write when neither the project folder nor .arkor/ is writable", async () => {
    const project = createProject("trainers", { "arkor.config.mjs": `export default ${PICK_NAMED_TRAINER};\n` });
    const unmount = mountReadOnly(project.dir);
    try {
      const result = await project.arkor(["build"]);
      expect(result.stderr).toBe(
        "error: Failed to load arkor.config.mjs: arkor compiles it to a temporary module and could write it neither beside it (EROFS) nor in .arkor/ (EROFS). Make the project folder, or its .arkor folder, writable.\n",
      );
      expect(result.code).toBe(1);
    } finally {
      unmount();
    }
  });

  it("says the disk is full when that is why its temporary module cannot be written", async () => {
    const outer = createProject("trainers");
    const dir = outer.path("on-a-full-disk");
    mkdirSync(dir);
    const unmount = mountTmpfs(dir, "16k");
    try {
      writeFileSync(path.join(dir, "arkor.config.mjs"), `export default ${PICK_NAMED_TRAINER};\n`);
      expect(() => writeFileSync(path.join(dir, "filler"), Buffer.alloc(1 << 20))).toThrow(/ENOSPC/);
      const result = await outer.arkor(["build", "--cwd", dir]);
      expect(result.stderr).toBe(
        "error: Failed to load arkor.config.mjs: arkor compiles it to a temporary module and could not write it: the disk is full (ENOSPC). Free some space on it, then run again.\n",
      );
      expect(result.code).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(["arkor.config.mjs", "filler"]);
    } finally {
      unmount();
    }
  });

  it("prefers arkor.config.ts when several exist", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": `export default ${PICK_NAMED_TRAINER};\n`,
      "arkor.config.mjs": "throw new Error('the .mjs config must not be loaded');\n",
    });
    const result = await project.arkor(["build"]);
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
  });

  it("its plugins pass by returning null, and the defaults answer", async () => {
    const project = createProject("trainers", {
      "arkor.config.mjs": 'export default { plugins: [{ name: "pass", resolveEntry: () => null, bundle: () => undefined }] };\n',
    });
    const result = await project.arkor(["start"]);
    expect(maskBuildStats(result.stdout)).toBe(`${builtLine("src/arkor/index.ts")}Started job named-arkor-job\nJob named-arkor-job finished with status=completed\n`);
    expect(result.code).toBe(0);
  });

  it("adds esbuild plugins to the default bundler through esbuildBundler({ esbuildPlugins })", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": [
        'import { defineConfig } from "arkor";',
        'import { esbuildBundler } from "arkor/plugins";',
        "",
        "// A virtual module: `import build from \"virtual:build-info\"` in the trainer.",
        "const buildInfo = {",
        '  name: "build-info",',
        "  setup(build: any) {",
        '    build.onResolve({ filter: /^virtual:build-info$/ }, () => ({ path: "build-info", namespace: "virtual" }));',
        '    build.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: \'export default { label: "virtual" }\', loader: "js" }));',
        "  },",
        "};",
        "",
        "export default defineConfig({ plugins: [esbuildBundler({ esbuildPlugins: [buildInfo] })] });",
      ].join("\n"),
      "src/arkor/index.ts": [
        'import info from "virtual:build-info";',
        'import { fakeTrainer } from "./fakeTrainer";',
        "",
        "export const trainer = fakeTrainer(info.label);",
      ].join("\n"),
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(`${builtLine("src/arkor/index.ts")}Started job virtual-job\nJob virtual-job finished with status=completed\n`);
    expect(result.code).toBe(0);
  });

  it("the README's example config works as shown: the entry named by package.json", async () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const example = /```ts\n(\/\/ arkor\.config\.ts: [\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const project = createProject("trainers", { "arkor.config.ts": example! });
    project.write("package.json", JSON.stringify({ type: "module", arkor: { entry: "src/arkor/named-trainer.ts" } }));
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/named-trainer.ts")}Started job named-trainer-job\nJob named-trainer-job finished with status=completed\n`,
    );
    expect(maskBuildStats((await project.arkor(["build", "src/arkor/index.ts"])).stdout)).toBe(builtLine("src/arkor/index.ts"));
  });

  it("is the --cwd project's config, not the current folder's", async () => {
    const project = createProject("trainers", { "arkor.config.mjs": `export default ${PICK_NAMED_TRAINER};\n` });
    const elsewhere = createProject("empty-project", { "arkor.config.mjs": "throw new Error('the current folder\\'s config must not be loaded');\n" });
    const result = await project.arkor(["build", "--cwd", project.dir], { cwd: elsewhere.dir });
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/named-trainer.ts"));
    expect(result.code).toBe(0);
  });

  it("composes its plugin list like vite and Rollup: falsy entries, nested arrays, plugins' own keys and unknown config keys", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": [
        'import { defineConfig, type ArkorPlugin } from "arkor";',
        "",
        "const isDev = false;",
        'const neverUsed: ArkorPlugin = { name: "never-used", resolveEntry: () => { throw new Error("a falsy entry was used"); } };',
        "// A preset: a nested list, and a plugin with keys of its own.",
        "const preset = [",
        '  { name: "passes", version: "1.0.0", enforce: "pre", resolveEntry: () => null },',
        '  [{ name: "pick-named-trainer", meta: { docs: "https://example.com" }, resolveEntry: ({ cwd }) => cwd + "/src/arkor/named-trainer.ts" }],',
        "];",
        "",
        "export default defineConfig({",
        "  plugins: [isDev && neverUsed, null, undefined, preset],",
        "  // Ignored, as vite ignores keys it does not know: the file may be shared with another tool.",
        "  // @ts-expect-error not an arkor option",
        "  studio: { port: 4000 },",
        "});",
      ].join("\n"),
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(maskBuildStats(result.stdout)).toBe(
      `${builtLine("src/arkor/named-trainer.ts")}Started job named-trainer-job\nJob named-trainer-job finished with status=completed\n`,
    );
    expect(result.code).toBe(0);
  });

  it("is not loaded by arkor start when the artifact exists", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    project.write("arkor.config.mjs", "throw new Error('must not load');\n");
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("a config that fails to load: one line naming the file and the problem, exit 1, no temporary file left", () => {
  const FIX = "Fix the config, or remove it to use the defaults.";
  it.each([
    ["a syntax error", "arkor.config.ts", "export default {\n  plugins: [\n};\n", `arkor.config.ts:3:1: Unexpected "}". ${FIX}`],
    ["a throw", "arkor.config.ts", 'const port: number = 1;\nthrow new Error("no credentials");\n', `no credentials (at arkor.config.ts:2:7). ${FIX}`],
    [
      "a throw in a file the config imports",
      "arkor.config.mjs",
      'import "./plugins/broken.mjs";\nexport default {};\n',
      `broken plugin (at plugins/broken.mjs:1:7). ${FIX}`,
    ],
    ["no default export", "arkor.config.ts", "export const plugins = [];\n", "it has no default export. Add one: export default defineConfig({ plugins: [] })."],
    [
      "a default export that is not an object",
      "arkor.config.ts",
      "export default [];\n",
      "the default export must be an object, such as export default defineConfig({ plugins: [] }); got an array.",
    ],
    [
      "a function as default export",
      "arkor.config.mjs",
      "export default () => ({ plugins: [] });\n",
      "the default export must be an object, such as export default defineConfig({ plugins: [] }); got a function (export the object it returns instead).",
    ],
    ["a misspelt key", "arkor.config.ts", "export default { plugin: [] };\n", 'unknown key "plugin". Did you mean "plugins"?'],
    ["plugins that are not an array", "arkor.config.js", "export default { plugins: {} };\n", "plugins must be an array, such as plugins: [myPlugin()]; got object."],
    [
      "a plugin without a name",
      "arkor.config.ts",
      "export default { plugins: [{ resolveEntry: () => null }] };\n",
      'Plugin at index 0 is missing a name. Give it one: { name: "my-plugin", ... }.',
    ],
    [
      "a plugin factory that was not called",
      "arkor.config.mjs",
      'const myPlugin = () => ({ name: "mine" });\nexport default { plugins: [myPlugin] };\n',
      "Plugin at index 0 must be an object with a name and hooks, got a function. Did you forget to call the plugin factory?",
    ],
    [
      "a hook that is not a function",
      "arkor.config.ts",
      'export default { plugins: [{ name: "mine", bundle: "esbuild" }] };\n',
      'Plugin "mine": hook "bundle" must be a function, got string "esbuild".',
    ],
    [
      "a misspelt resolveEntry hook",
      "arkor.config.ts",
      'export default { plugins: [{ name: "mine", resolveentry: () => null }] };\n',
      'Plugin "mine" has an unknown key "resolveentry". Did you mean the hook "resolveEntry"?',
    ],
    [
      "a misspelt bundle hook",
      "arkor.config.ts",
      'export default { plugins: [{ name: "mine", bundel: () => null }] };\n',
      'Plugin "mine" has an unknown key "bundel". Did you mean the hook "bundle"?',
    ],
    [
      "a misspelt watch hook, in a nested list",
      "arkor.config.ts",
      'export default { plugins: [false, [{ name: "mine", wacth: () => null }]] };\n',
      'Plugin "mine" has an unknown key "wacth". Did you mean the hook "watch"?',
    ],
    [
      "a plugin without a name in a nested list",
      "arkor.config.ts",
      'export default { plugins: [null, [{ name: "ok" }, { bundle: () => null }]] };\n',
      'Plugin at index 1[1] is missing a name. Give it one: { name: "my-plugin", ... }.',
    ],
    [
      "a relative import that does not exist",
      "arkor.config.ts",
      'import { mine } from "./plugins/mine";\nexport default { plugins: [mine()] };\n',
      `arkor.config.ts:1:22: Could not resolve "./plugins/mine". ${FIX}`,
    ],
    [
      "a package that is not installed",
      "arkor.config.ts",
      'import mine from "arkor-plugin-not-installed";\nexport default { plugins: [mine()] };\n',
      "Cannot find package 'arkor-plugin-not-installed' imported from arkor.config.ts. Install it in the project, or fix the import.",
    ],
    [
      "require() in an ES module config",
      "arkor.config.js",
      'const mine = require("arkor-plugin-mine");\nexport default { plugins: [mine()] };\n',
      `require("arkor-plugin-mine") does not work in an ES module config; import it instead (at arkor.config.js:1:14). ${FIX}`,
    ],
  ])("%s", async (_, name, contents, problem) => {
    const project = createProject("trainers", {
      [name]: contents,
      "plugins/broken.mjs": 'throw new Error("broken plugin");\n',
    });
    const before = rootFiles(project);
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command]);
      expect(result.stderr).toBe(`error: Failed to load ${name}: ${problem}\n`);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
      expect(rootFiles(project)).toEqual(before);
    }
  });
});

describe("a plugin hook that throws: [plugin NAME] HOOK: message, exit 1", () => {
  it.each([
    ["resolveEntry", 'resolveEntry() { throw new Error("no entry for this branch"); }', "[plugin branch-entry] resolveEntry: no entry for this branch"],
    ["bundle", 'async bundle() { throw new TypeError("cannot reach the build server"); }', "[plugin branch-entry] bundle: cannot reach the build server"],
    ["bundle, throwing a string", 'bundle() { throw "gave up"; }', "[plugin branch-entry] bundle: gave up"],
  ])("%s", async (_, hook, message) => {
    const project = createProject("trainers", { "arkor.config.mjs": `export default { plugins: [{ name: "branch-entry", ${hook} }] };\n` });
    for (const command of ["build", "start"]) {
      const result = await project.arkor([command]);
      expect(result.stderr).toBe(`error: ${message}\n`);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(1);
    }
  });

  it("a hook that returns the wrong kind of value is named too", async () => {
    const project = createProject("trainers", { "arkor.config.mjs": 'export default { plugins: [{ name: "sloppy", bundle: () => "out.mjs" }] };\n' });
    const result = await project.arkor(["build"]);
    expect(result.stderr).toBe("error: [plugin sloppy] bundle: returned an invalid value; expected { outFile: string }.\n");
    expect(result.code).toBe(1);
  });
});
