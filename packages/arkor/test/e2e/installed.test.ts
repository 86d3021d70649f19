import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtLine, maskBuildStats } from "../../../../scripts/test-utils/buildOutput.js";
import { REPO_ROOT, runWithTsx } from "../../../../scripts/test-utils/index.js";
import {
  installedCopies,
  installFromTarballs,
  installWorkspaceFromTarballs,
  packTarballs,
  tarEntries,
  tarEntry,
  type InstalledProject,
  type PackageManager,
  PNPM,
} from "../../../../scripts/test-utils/installedProject.js";

// Installs hit the registry for esbuild and clipanion (a cache makes them quick).
const INSTALL_TIMEOUT = 300_000;

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}

const workspacePackages: Manifest[] = readdirSync(path.join(REPO_ROOT, "packages")).map(
  (name) => JSON.parse(readFileSync(path.join(REPO_ROOT, "packages", name, "package.json"), "utf8")) as Manifest,
);
const published = workspacePackages.filter((manifest) => !manifest.private);
/** The esbuild range of @arkor/bundler, which every package that uses esbuild shares. */
const ESBUILD_RANGE = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages/bundler/package.json"), "utf8")).dependencies.esbuild as string;

let packDir: string;
let tarballs: Map<string, string>;

// Pack once for the whole file: every install below uses the same tarballs.
beforeAll(() => {
  packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-packs-"));
  tarballs = packTarballs(packDir);
}, INSTALL_TIMEOUT);
afterAll(() => rmSync(packDir, { recursive: true, force: true }));

describe("pnpm -r pack", () => {
  it("gives one tarball per published package, and none for private ones", () => {
    expect([...tarballs.keys()].sort()).toEqual(published.map((manifest) => manifest.name).sort());
    expect(tarballs.has("arkor-quickstart")).toBe(false);
  });

  it("puts only the built files, package.json, README.md and LICENSE in each (and arkor's docs, create-arkor's templates)", () => {
    const extra: Record<string, RegExp> = { arkor: /^package\/docs\/.+/, "create-arkor": /^package\/templates\/.+/ };
    for (const [name, tarball] of tarballs) {
      const entries = tarEntries(tarball);
      const shipped = (entry: string) => /^package\/(dist\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(entry) || extra[name]?.test(entry) === true;
      expect(entries.filter((entry) => !shipped(entry)), name).toEqual([]);
      expect(entries, name).toContain("package/README.md");
      expect(entries, name).toContain("package/LICENSE");
      expect(entries, name).toContain("package/dist/index.js");
      expect(entries, name).toContain("package/dist/index.d.ts");
    }
  });

  it("gives each package the registry's metadata: keywords, the MIT license and its text, and no repository that is not this project's (it has none public)", () => {
    const license = readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} arkor contributors\n/);
    for (const folder of readdirSync(path.join(REPO_ROOT, "packages"))) {
      const source = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages", folder, "package.json"), "utf8")) as Manifest;
      const tarball = tarballs.get(source.name)!;
      const manifest = JSON.parse(tarEntry(tarball, "package/package.json")) as Manifest & Record<string, unknown>;
      expect(manifest.license, source.name).toBe("MIT");
      for (const field of ["repository", "homepage", "bugs"]) expect(manifest, source.name).not.toHaveProperty(field);
      expect(JSON.stringify(manifest), source.name).not.toMatch(/https?:\/\//);
      expect(manifest.keywords, source.name).toContain("arkor");
      expect(tarEntry(tarball, "package/LICENSE"), source.name).toBe(license);
    }
  });

  it("ships every document a help text, an error, a type's comment or a README names, and each README points to arkor's guide", () => {
    const arkorEntries = new Set(tarEntries(tarballs.get("arkor")!));
    const named = new Map<string, string>();
    for (const [name, tarball] of tarballs) {
      for (const entry of tarEntries(tarball).filter((entry) => /^package\/(dist\/.+\.(c?js|d\.c?ts)|README\.md)$/.test(entry))) {
        for (const [, doc] of tarEntry(tarball, entry).matchAll(/\bdocs\/([\w-]+\.(?:md|png))/g)) named.set(`package/docs/${doc}`, `${name}/${entry}`);
      }
      const readme = tarEntry(tarball, "package/README.md");
      // Links in a README resolve inside its own package; no link leaves it for a page that may not exist.
      for (const [, target] of readme.matchAll(/\]\(([^)#\s]+)/g)) {
        expect(target, `${name} README link`).not.toMatch(/^https?:/);
        expect(tarEntries(tarball), `${name} README links ${target}`).toContain(`package/${target}`);
      }
      if (name !== "arkor") expect(readme, name).toContain("`node_modules/arkor/README.md`");
    }
    // The shipped docs link only to each other (and to their images), never out of the package.
    for (const doc of [...arkorEntries].filter((entry) => /^package\/docs\/.+\.md$/.test(entry))) {
      for (const [, target] of tarEntry(tarballs.get("arkor")!, doc).matchAll(/\]\(([^)#\s]+)/g)) {
        if (/^https?:/.test(target)) continue;
        expect(arkorEntries.has(path.posix.join(path.posix.dirname(doc), target)), `${doc} links ${target}`).toBe(true);
      }
    }
    expect(named.size).toBeGreaterThan(5);
    for (const [doc, where] of named) expect(arkorEntries.has(doc), `${doc}, named in ${where}`).toBe(true);
    expect(tarEntry(tarballs.get("arkor")!, "package/README.md")).toBe(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));
  });

  it("ships clipanion bundled at the exact version the tests run with, and asks for esbuild with one range", () => {
    const cli = JSON.parse(tarEntry(tarballs.get("@arkor/cli")!, "package/package.json")) as Manifest & { devDependencies?: Record<string, string> };
    const tested = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages/cli/node_modules/clipanion/package.json"), "utf8")) as Manifest;
    expect(cli.devDependencies?.clipanion).toBe(tested.version);
    // Bundled into @arkor/cli's dist, so an install fetches no clipanion at all.
    expect(cli.dependencies?.clipanion).toBeUndefined();
    expect(tarEntry(tarballs.get("@arkor/cli")!, "package/dist/index.js")).not.toMatch(/from ["']clipanion["']/);
    const esbuildRanges = new Set([...tarballs.values()].map((tarball) => (JSON.parse(tarEntry(tarball, "package/package.json")) as Manifest).dependencies?.esbuild).filter(Boolean));
    expect([...esbuildRanges]).toEqual([ESBUILD_RANGE]);
  });

  it("ships, with every package that bundles someone else's code, that code's licence: a notice per bundled package, from the package's own licence text", () => {
    let bundledSomewhere = 0;
    for (const [name, tarball] of tarballs) {
      // What a tarball bundled, by the sources its source maps name under node_modules.
      const bundled = new Map<string, string>();
      for (const entry of tarEntries(tarball).filter((file) => /^package\/dist\/.+\.map$/.test(file))) {
        for (const source of (JSON.parse(tarEntry(tarball, entry)) as { sources: string[] }).sources) {
          const root = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
          const packageName = root?.replace(/^.*node_modules\//, "");
          if (root && packageName && !packageName.startsWith("@arkor/")) bundled.set(packageName, root);
        }
      }
      if (bundled.size === 0) continue;
      bundledSomewhere += bundled.size;
      expect(tarEntries(tarball), name).toContain("package/dist/THIRD_PARTY_NOTICES.md");
      const notices = tarEntry(tarball, "package/dist/THIRD_PARTY_NOTICES.md");
      for (const packageName of bundled.keys()) {
        const installed = JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules/.pnpm/node_modules", packageName, "package.json"), "utf8")) as Manifest & { license: string };
        const section = notices.split(/^## /m).find((part) => part.startsWith(`${packageName}@${installed.version}`));
        expect(section, `${name}: the notice of ${packageName}@${installed.version}`).toBeDefined();
        expect(section).toContain(`License: ${installed.license}`);
        expect(section).toMatch(/Copyright (©|\(c\)) \d{4} \S/);
        if (installed.license === "MIT") expect(section).toContain("Permission is hereby granted, free of charge");
      }
    }
    // @arkor/cli bundles clipanion and typanion: the check above has something to check.
    expect(bundledSomewhere).toBeGreaterThanOrEqual(2);
  });

  it("replaces workspace:* with the versions being released", () => {
    const versions = new Map(workspacePackages.map((manifest) => [manifest.name, manifest.version]));
    for (const [name, tarball] of tarballs) {
      const manifest = JSON.parse(tarEntry(tarball, "package/package.json")) as Manifest;
      expect(manifest.version, name).toBe(versions.get(name));
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${name} → ${dependency}`).not.toMatch(/^workspace:/);
        if (versions.has(dependency)) expect(range, `${name} → ${dependency}`).toBe(versions.get(dependency));
      }
    }
  });
});

const TRAINER = `import { createArkor, createTrainer } from "arkor";
import { jobId } from "./job";

export const arkor = createArkor({
  trainer: createTrainer({
    name: "installed",
    async start() {
      return { jobId };
    },
    async wait() {
      // Where the artifact's bare "arkor" import resolved to.
      console.log(\`arkor resolved to \${import.meta.resolve("arkor")}\`);
      return { job: { id: jobId, status: "completed" } };
    },
  }),
});
`;

const RUN_TRAINER = `import { runTrainer } from "arkor";

const events = [];
const outcome = await runTrainer(process.argv[2], { onEvent: (event) => events.push(event.type) });
console.log(\`events: \${events.join(" ")}\`);
console.log(\`outcome: \${outcome.jobId} \${outcome.status} exit=\${outcome.exitCode}\`);
`;

// A host in another process: runs \`arkor start --json\` and reads its stdout with the installed reader.
const READ_EVENTS = `import { spawn } from "node:child_process";
import { readEvents } from "arkor";

const child = spawn("npx", ["arkor", "start", "--json"], { stdio: ["pipe", "pipe", "inherit"] });
child.stdin.end();
const seen = [];
for await (const event of readEvents(child.stdout)) seen.push(event.type === "end" ? \`end \${event.exitCode}\` : event.type);
console.log(seen.join(" "));
`;

// Type-checked, never run: the installed declarations must accept a trainer and reject a wrong one.
const TYPES_CHECK = `import { createArkor, createTrainer, createEventReader, runTrainer, type ArkorEvent, type EventOf, type RunOutcome } from "arkor";
import { defaultResolver, esbuildBundler } from "arkor/plugins";

export const plugins = [defaultResolver(), esbuildBundler({ esbuildPlugins: [] })];

export const arkor = createArkor({
  trainer: createTrainer({
    start: async () => ({ jobId: "typed" }),
    wait: async () => ({ job: { id: "typed", status: "completed" } }),
  }),
});
export const outcome: Promise<RunOutcome> = runTrainer(".arkor/build/index.mjs");
// @ts-expect-error start() must resolve to { jobId: string }
createTrainer({ start: async () => ({ jobId: 1 }), wait: async () => ({ job: { id: "x", status: "completed" } }) });
// The run context, and a host's view of the events.
createTrainer({
  start: async (ctx) => (ctx.report({ step: 1, total: 2, metrics: { loss: 0.5 } }), { jobId: "ctx" }),
  // @ts-expect-error a metric is a number
  wait: async (ctx) => (ctx.report({ metrics: { loss: "low" } }), { job: { id: "ctx", status: "completed" } }),
});
export const reader = createEventReader((event: ArkorEvent) => {
  if (event.type === "build.end") {
    const end: EventOf<"build.end"> = event;
    end.errors.map((message) => message.text);
  }
});
`;

// A config in a sub-project: arkor/plugins and the config loader, as installed.
const CONFIG = `import { defineConfig } from "arkor";
import { esbuildBundler } from "arkor/plugins";

export default defineConfig({
  plugins: [
    esbuildBundler({
      esbuildPlugins: [{ name: "banner", setup: (build) => void (build.initialOptions.banner = { js: "// built with the installed arkor/plugins" }) }],
    }),
  ],
});
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
  files: ["types-check.ts"],
});

describe.each<PackageManager>(["npm", "pnpm"])("arkor installed from the tarballs with %s", (manager) => {
  let project: InstalledProject;

  beforeAll(async () => {
    // A user who has esbuild already, in arkor's range: the install must keep one copy.
    project = await installFromTarballs(manager, tarballs, { esbuild: ESBUILD_RANGE });
    project.write("src/arkor/index.ts", TRAINER);
    project.write("src/arkor/job.ts", `export const jobId: string = "installed-${manager}-job";\n`);
    project.write("run-trainer.mjs", RUN_TRAINER);
    project.write("read-events.mjs", READ_EVENTS);
    project.write("types-check.ts", TYPES_CHECK);
    project.write("tsconfig.json", TSCONFIG);
    project.write("with-config/arkor.config.ts", CONFIG);
    project.write("with-config/src/arkor/index.ts", TRAINER.replace('from "./job"', 'from "../../../src/arkor/job"'));
  }, INSTALL_TIMEOUT);
  afterAll(() => project?.remove());

  /** The installed arkor's entry, as Node resolves it (pnpm's symlinks followed). */
  const installedArkorUrl = () => pathToFileURL(realpathSync(project.path("node_modules/arkor/dist/index.js"))).href;

  it("installs one copy of esbuild, shared by the user, the bundler and the config loader", () => {
    expect(installedCopies(project.dir, "esbuild")).toHaveLength(1);
  });

  it("npx arkor --version prints the installed package's version", async () => {
    const { version } = JSON.parse(project.read("node_modules/arkor/package.json")) as Manifest;
    const result = await project.exec("npx", ["arkor", "--version"]);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
  });

  it("npx arkor build, then npx arkor start, run the trainer against the installed arkor", async () => {
    const built = await project.exec("npx", ["arkor", "build"]);
    expect(built.stderr).toBe("");
    expect(maskBuildStats(built.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(built.code).toBe(0);
    const artifact = project.read(".arkor/build/index.mjs");
    expect(artifact).toMatch(/^import \{ createArkor, createTrainer \} from "arkor";$/m);
    expect(artifact).toContain(`var jobId = "installed-${manager}-job";`);

    const started = await project.exec("npx", ["arkor", "start"]);
    expect(started.stderr).toBe("");
    expect(started.stdout).toBe(
      [
        `Started job installed-${manager}-job`,
        `arkor resolved to ${installedArkorUrl()}`,
        `Job installed-${manager}-job finished with status=completed`,
        "",
      ].join("\n"),
    );
    expect(started.code).toBe(0);
    // The project's own copy, not the workspace this test runs from.
    expect(installedArkorUrl().startsWith(`${pathToFileURL(realpathSync(project.dir)).href}/node_modules/`)).toBe(true);
  });

  it("runTrainer from the installed package runs the artifact, and names a missing one", async () => {
    expect((await project.exec("npx", ["arkor", "build"])).code).toBe(0);
    const ran = await project.exec("node", ["run-trainer.mjs", ".arkor/build/index.mjs"]);
    expect(ran.stderr).toBe("");
    // runTrainer prints nothing of its own (its events go to onEvent): only the trainer's line and the script's.
    expect(ran.stdout).toBe(
      [
        // runTrainer prints nothing of its own: the trainer's line, then what the script printed.
        `arkor resolved to ${installedArkorUrl()}`,
        "events: run.start job.started job.finished end",
        `outcome: installed-${manager}-job completed exit=0`,
        "",
      ].join("\n"),
    );
    expect(ran.code).toBe(0);

    const missing = await project.exec("node", ["run-trainer.mjs", "nowhere.mjs"]);
    expect(missing.stderr).toContain(
      `Training entry not found: ${project.path("nowhere.mjs")}. Provide a path or create src/arkor/index.ts.`,
    );
    expect(missing.code).toBe(1);
  });

  it("loads an arkor.config.ts that adds an esbuild plugin through arkor/plugins", async () => {
    const built = await project.exec("npx", ["arkor", "build", "--cwd", "with-config"]);
    expect(built.stderr).toBe("");
    expect(maskBuildStats(built.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(built.code).toBe(0);
    expect(project.read("with-config/.arkor/build/index.mjs").startsWith("// built with the installed arkor/plugins\n")).toBe(true);
  });

  it("a host in another process reads npx arkor start --json with the installed reader", async () => {
    expect((await project.exec("npx", ["arkor", "build"])).code).toBe(0);
    const read = await project.exec("node", ["read-events.mjs"]);
    expect(read.stderr).toBe("");
    expect(read.stdout).toBe("run.start job.started log job.finished end 0\n");
    expect(read.code).toBe(0);
  });

  it("builds code written for tsx (fixtures/node-idioms: paths alias with legacy decorators, __dirname, import.meta.url, require, a worker) into an artifact that prints what tsx prints", async () => {
    cpSync(path.join(REPO_ROOT, "fixtures/node-idioms"), project.path("idioms"), { recursive: true });
    cpSync(project.path("idioms/vendor/cjs-only"), project.path("idioms/node_modules/cjs-only"), { recursive: true });
    // Run from its own folder, as tsx is below: the trainer prints paths relative to where it runs.
    const started = await project.exec("sh", ["-c", "cd idioms && ../node_modules/.bin/arkor start"]);
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const lines = (text: string) => text.split("\n").filter((line) => line !== "" && !/^(Built|Started|Job) /.test(line));
    expect(lines(started.stdout).slice(-2)).toEqual(["calling fit", "worker parsed 3 rows; price_k = 2.00 * size_sqm + 60.00"]);
    const fromSource = await runWithTsx(project.path("idioms"), "src/arkor/index.ts");
    expect(fromSource.stderr).toBe("");
    expect(lines(fromSource.stdout)).toEqual(lines(started.stdout).slice(0, -2));
  });

  it.each([
    ["arkor.config.cjs", 'const { defineConfig } = require("arkor");\nmodule.exports = defineConfig({ plugins: [{ name: "cjs-config", resolveEntry() { console.log("config loaded: cjs"); return null; } }] });\n'],
    ["arkor.config.mjs", 'import { defineConfig } from "arkor";\nexport default defineConfig({ plugins: [{ name: "mjs-config", resolveEntry() { console.log("config loaded: mjs"); return null; } }] });\n'],
  ])("loads an %s that takes defineConfig from the installed arkor", async (name, config) => {
    const dir = `config-${name.split(".").at(-1)}`;
    project.write(`${dir}/${name}`, config);
    project.write(`${dir}/src/arkor/index.ts`, 'export const trainer = { name: "t", async start() { return { jobId: "t" }; }, async wait() { return { job: { id: "t", status: "completed" } }; } };\n');
    const built = await project.exec("npx", ["arkor", "build", "--cwd", dir]);
    expect(built.stderr).toBe("");
    expect(built.stdout).toContain(`config loaded: ${name.split(".").at(-1)}\n`);
    expect(built.code).toBe(0);
  });

  it("its type declarations, arkor/plugins included, accept a trainer and reject a wrong one", async () => {
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const checked = await project.exec("node", [tsc, "-p", "tsconfig.json"]);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });
});

describe("a pnpm workspace (fixtures/monorepo) with arkor installed from the tarballs", () => {
  let workspace: InstalledProject;

  beforeAll(async () => {
    workspace = await installWorkspaceFromTarballs("monorepo", tarballs);
  }, INSTALL_TIMEOUT);
  afterAll(() => workspace?.remove());

  it("pnpm --filter <app> exec arkor build builds the app from the workspace root", async () => {
    const result = await workspace.exec("npx", ["-y", PNPM, "--filter", "@fixture/trainer", "exec", "arkor", "build"]);
    expect(result.stderr).toBe("");
    // Printed relative to the app, the project it built, not to where the command was typed.
    expect(maskBuildStats(result.stdout)).toBe(builtLine("src/arkor/index.ts"));
    expect(result.code).toBe(0);
    expect(workspace.read("apps/trainer/.arkor/build/index.mjs")).toContain("function standardize(values) {");
  });

  it("pnpm -r run build runs each app's arkor build script", async () => {
    const result = await workspace.exec("npx", ["-y", PNPM, "-r", "run", "build"]);
    expect(result.stdout).toContain("apps/trainer build$ arkor build\n");
    expect(result.stdout).toMatch(/^apps\/trainer build: Built src\/arkor\/index\.ts → \.arkor\/build\/index\.mjs \(\S+ \S+\) in \d+ ms$/m);
    expect(result.code).toBe(0);
  });

  it("installs one copy of esbuild for the whole workspace", () => {
    expect(installedCopies(workspace.dir, "esbuild")).toHaveLength(1);
  });

  it("pnpm --filter <app> start runs the trainer", async () => {
    const result = await workspace.exec("npx", ["-y", PNPM, "--filter", "@fixture/trainer", "--silent", "start"]);
    expect(result.stdout).toContain("Started job monorepo-job\nmse=1.000\n");
    expect(result.stdout).toContain("Job monorepo-job finished with status=completed\n");
    expect(result.code).toBe(0);
  });
});
