import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build, commitBuild } from "./build.js";
import { createEmitter, type ArkorEvent } from "./events.js";
import { checkStaleness } from "./manifest.js";
import type { ArkorPlugin, BundleResult } from "./plugin.js";

let cwd: string;
let outDir: string;
let outFile: string;
beforeEach(() => {
  cwd = realpathSync(mkdtempSync(path.join(os.tmpdir(), "arkor-build-")));
  mkdirSync(path.join(cwd, "src"));
  writeFileSync(path.join(cwd, "src/main.ts"), "export const trainer = {};\n");
  // Saved a while before the build, as a user's source is: one modified in the build's own millisecond
  // counts as edited while the bundler ran (recorded with no hash), which is not what these tests are about.
  const before = new Date(Date.now() - 10_000);
  utimesSync(path.join(cwd, "src/main.ts"), before, before);
  outDir = path.join(cwd, ".arkor/build");
  outFile = path.join(outDir, "index.mjs");
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const sha256 = (contents: string | Buffer) => createHash("sha256").update(contents).digest("hex");

/** Every file in the output folder with its bytes. */
const outputs = () => Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(path.join(outDir, name))]));

/** What a bundler returns: the artifact and its map, for arkor to write. */
function bundled(code: string): BundleResult {
  return {
    outFile,
    outputFiles: [
      { path: `${outFile}.map`, contents: Buffer.from(`{"code":${JSON.stringify(code)}}`) },
      { path: outFile, contents: Buffer.from(code) },
    ],
    inputs: [path.join(cwd, "src/main.ts")],
    exports: ["trainer"],
  };
}

/** Builds `code` with a resolver and a bundler that never fail. */
const bundlerOf = (code: string): ArkorPlugin[] => [
  { name: "resolver", resolveEntry: ({ entry }) => entry ?? "src/main.ts" },
  { name: "bundler", bundle: () => bundled(code) },
];

describe("build: resolve, then bundle, then commit", () => {
  it("hands the resolved entry and the default output paths to the bundle hook, and writes what it returns with the manifest", async () => {
    const seen: unknown[] = [];
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: ({ entry }) => entry ?? "src/main.ts" },
      {
        name: "bundler",
        bundle(ctx) {
          seen.push(ctx);
          return bundled("export const trainer = {};\n");
        },
      },
    ];
    const events: ArkorEvent[] = [];
    const output = await build({ cwd, plugins, emitter: createEmitter((event) => events.push(event)) });
    expect(seen).toEqual([{ cwd, entry: path.join(cwd, "src/main.ts"), outDir, outFile, signal: undefined }]);

    const artifact = readFileSync(outFile);
    expect(artifact.toString()).toBe("export const trainer = {};\n");
    expect(readdirSync(outDir).sort()).toEqual(["index.mjs", "index.mjs.map", "manifest.json"]);
    const manifest = JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      bundler: "bundler",
      entry: "src/main.ts",
      artifact: { path: ".arkor/build/index.mjs", bytes: artifact.length, sha256: sha256(artifact) },
      inputs: [{ path: "src/main.ts", sha256: sha256("export const trainer = {};\n") }],
      exports: ["trainer"],
      trainerExport: "trainer",
    });
    expect(output).toMatchObject({ entry: path.join(cwd, "src/main.ts"), outFile, bytes: artifact.length, sha256: sha256(artifact), warnings: [], manifest });
    expect(events.map(({ type }) => type)).toEqual(["build.start", "build.end"]);
    expect(events[1]).toMatchObject({ ok: true, entry: path.join(cwd, "src/main.ts"), outFile, bytes: artifact.length, sha256: sha256(artifact), errors: [] });
  });

  it("passes the entry as the user typed it to resolveEntry", async () => {
    const typed: Array<string | undefined> = [];
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: ({ entry }) => (typed.push(entry), path.join(cwd, "src/main.ts")) },
      { name: "bundler", bundle: () => bundled("export {};\n") },
    ];
    await build({ cwd, entry: "./x.ts", plugins });
    expect(typed).toEqual(["./x.ts"]);
  });

  it("writes nothing when aborted while the bundler runs, and rejects with the abort reason", async () => {
    await build({ cwd, plugins: bundlerOf("export const version = 1;\n") });
    const before = outputs();
    const controller = new AbortController();
    const reason = new Error("Ctrl-C");
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: () => "src/main.ts" },
      {
        name: "bundler",
        async bundle() {
          controller.abort(reason);
          return bundled("export const version = 2;\n");
        },
      },
    ];
    await expect(build({ cwd, plugins, signal: controller.signal })).rejects.toBe(reason);
    expect(outputs()).toEqual(before);
  });
});

describe("build: what a program must pass", () => {
  it.each([
    ["no plugins", undefined, 'build() needs the plugins to build with: pass plugins: await loadPlugins(cwd), with loadPlugins from "arkor/plugins", to build as arkor build does.'],
    ["a function that loads them", () => [], 'build() takes the plugins themselves, not a function that loads them: pass plugins: await loadPlugins(cwd), with loadPlugins from "arkor/plugins", to build as arkor build does.'],
  ])("says what to pass when given %s, as an ArkorError, and ends the build in its events", async (_, plugins, message) => {
    const events: ArkorEvent[] = [];
    const emitter = createEmitter();
    emitter.subscribe((event) => events.push(event));
    const built = build({ cwd, emitter, plugins: plugins as never });
    await expect(built).rejects.toMatchObject({ name: "ArkorError", code: "INVALID_OPTION", message });
    expect(events.map((event) => event.type)).toEqual(["build.start", "build.end"]);
  });
});

describe("build: a source edited while the bundler runs", () => {
  it.each([
    ["to a new size", "export const version = 22;\n"],
    ["keeping its size", "export const version = 2;\n"],
  ])("%s, then put back, is still found changed: the manifest never records the old content for it", async (_case, edited) => {
    const original = "export const version = 1;\n";
    writeFileSync(path.join(cwd, "src/main.ts"), original);
    await build({ cwd, plugins: bundlerOf(original) });
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: () => "src/main.ts" },
      {
        name: "bundler",
        async bundle() {
          // A few turns of the event loop first (anything arkor does meanwhile runs), then an editor saves, then the bundler reads.
          for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
          writeFileSync(path.join(cwd, "src/main.ts"), edited);
          return bundled(readFileSync(path.join(cwd, "src/main.ts"), "utf8"));
        },
      },
    ];
    const output = await build({ cwd, plugins });
    expect(readFileSync(outFile, "utf8")).toBe(edited);
    // The artifact holds the edit; with the source put back, start must warn.
    writeFileSync(path.join(cwd, "src/main.ts"), original);
    expect(checkStaleness(cwd, output.manifest)).toMatchObject({ stale: true, changed: [path.join(cwd, "src/main.ts")] });
  });
});

describe("commitBuild: the one place a build becomes the artifact", () => {
  it("writes nothing, and leaves no temp file, when cancelled by the time it would rename", async () => {
    await build({ cwd, plugins: bundlerOf("export const version = 1;\n") });
    const before = outputs();
    const controller = new AbortController();
    const reason = new Error("Ctrl-C");
    controller.abort(reason);
    const commit = commitBuild({
      cwd,
      entry: path.join(cwd, "src/main.ts"),
      result: bundled("export const version = 2;\n"),
      bundler: "bundler",
      startedAt: Date.now(),
      signal: controller.signal,
    });
    await expect(commit).rejects.toBe(reason);
    expect(outputs()).toEqual(before);
  });
});
