import { readdirSync, readFileSync } from "node:fs";
import type { ArkorEvent } from "@arkor/core";
import { describe, expect, it } from "vitest";
import { createProject, spawnArkor } from "../../../../scripts/test-utils/index.js";
import { expectWellFormed, spawnJson } from "./jsonEvents.js";

const ARTIFACT = ".arkor/build/index.mjs";

const trainerSaying = (word: string) => `import { createTrainer } from "arkor";
export const trainer = createTrainer({
  name: "${word}",
  async start() { return { jobId: "${word}" }; },
  async wait() { return { job: { id: "${word}", status: "completed" } }; },
});
`;

const isBuildEnd = (event: ArkorEvent): event is Extract<ArkorEvent, { type: "build.end" }> => event.type === "build.end";

/** Starts `arkor build --watch --json` and waits for the first build to be done and watched. */
async function startWatching(project: ReturnType<typeof createProject>) {
  const run = spawnJson(project, ["build", "--watch", "--json"]);
  await run.waitForEvent((event) => event.type === "watch.ready");
  return run;
}

/** Makes a change and waits for the rebuild it causes: its build.end and the watch.ready after it. */
async function rebuildAfter(run: ReturnType<typeof spawnJson>, change: () => void) {
  const seen = run.events.length;
  change();
  const end = await run.waitForEvent(isBuildEnd, seen);
  await run.waitForEvent((event) => event.type === "watch.ready" && event.seq > end.seq, seen);
  return end as Extract<ArkorEvent, { type: "build.end" }>;
}

describe("arkor build --watch", () => {
  it("says why a build failed when the failure has no location (a plugin's throw), as a one-off build does", async () => {
    const project = createProject("trainers", {
      "arkor.config.ts": 'export default { plugins: [{ name: "broken", bundle: () => ({ outFile: "elsewhere.mjs", outputFiles: [] }) }] };\n',
    });
    const message = `[plugin broken] bundle: the artifact ${project.path("elsewhere.mjs")} it answered with is not among the files it returned. Write it before answering, or return it in outputFiles.`;
    expect((await project.arkor(["build"])).stderr).toBe(`error: ${message}\n`);
    const watching = spawnArkor(["build", "--watch"], { cwd: project.dir });
    await watching.waitFor("Watching");
    watching.child.kill("SIGINT");
    const result = await watching.exited;
    expect(result.stderr.split("\n")[0]).toBe(`error: ${message}`);
  });

  it("rebuilds after an edit, survives a syntax error keeping the last good artifact, recovers, and exits 130 on SIGINT leaving no temp files", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": trainerSaying("first") });
    const run = await startWatching(project);
    const first = run.events.find(isBuildEnd)!;
    expect(first).toMatchObject({ ok: true, entry: project.path("src/arkor/index.ts") });
    // The entry and the package.json that steered how it was read.
    expect(run.events.find((event) => event.type === "watch.ready")).toMatchObject({ inputs: 2 });
    expect(project.read(ARTIFACT)).toContain('"first"');

    const second = await rebuildAfter(run, () => project.write("src/arkor/index.ts", trainerSaying("second")));
    expect(second).toMatchObject({ ok: true, errors: [] });
    expect(second.sha256).not.toBe(first.sha256);
    expect(run.events.filter((event) => event.type === "build.start")).toHaveLength(2);
    expect(project.read(ARTIFACT)).toContain('"second"');

    const good = readFileSync(project.path(ARTIFACT));
    const broken = await rebuildAfter(run, () => project.write("src/arkor/index.ts", "export const trainer = {\n  start() { return ;;; {\n};\n"));
    expect(broken).toMatchObject({ ok: false, bytes: 0, sha256: "" });
    expect(broken.errors[0]).toMatchObject({ file: "src/arkor/index.ts", line: expect.any(Number) });
    expect(readFileSync(project.path(ARTIFACT)).equals(good)).toBe(true);

    const fixed = await rebuildAfter(run, () => project.write("src/arkor/index.ts", trainerSaying("third")));
    expect(fixed).toMatchObject({ ok: true });
    expect(project.read(ARTIFACT)).toContain('"third"');

    run.child.kill("SIGINT");
    const { code, events, stderr } = await run.exited;
    expect(code).toBe(130);
    expect(stderr).toBe("");
    expectWellFormed(events, 130);
    expect(readdirSync(project.path(".arkor/build")).sort()).toEqual(["index.mjs", "index.mjs.map", "manifest.json"]);
  });

  it("reloads the config when arkor.config.ts changes, and builds with its plugins", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": trainerSaying("default"), "src/arkor/other.ts": trainerSaying("other") });
    const run = await startWatching(project);
    expect(project.read(ARTIFACT)).toContain('"default"');
    const config = `export default {
  plugins: [{ name: "pick-other", resolveEntry: ({ cwd }) => cwd + "/src/arkor/other.ts" }],
};
`;
    const rebuilt = await rebuildAfter(run, () => project.write("arkor.config.ts", config));
    expect(rebuilt).toMatchObject({ ok: true, entry: project.path("src/arkor/other.ts") });
    expect(project.read(ARTIFACT)).toContain('"other"');
    expect(JSON.parse(project.read(".arkor/build/manifest.json")).config).toMatchObject({ path: "arkor.config.ts" });
    run.child.kill("SIGINT");
    expect((await run.exited).code).toBe(130);
  });

  it('stops on a {"type":"cancel"} line on stdin like SIGTERM', async () => {
    const project = createProject("trainers");
    const run = await startWatching(project);
    run.child.stdin!.write('{"type":"cancel"}\n');
    const { code, events } = await run.exited;
    expect(code).toBe(143);
    expectWellFormed(events, 143);
  });

  it("prints Built lines and the watching line as text", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": trainerSaying("text") });
    const live = project.spawnArkor(["build", "--watch"]);
    await live.waitFor("press Ctrl-C to stop.\n");
    live.child.kill("SIGINT");
    const result = await live.exited;
    expect(result.stdout).toMatch(/^Built src\/arkor\/index\.ts → \.arkor\/build\/index\.mjs \(\d+(\.\d)? (B|kB)\) in \d+ ms\n$/);
    expect(result.stderr).toBe("Watching 2 files for changes; press Ctrl-C to stop.\n");
    expect(result.code).toBe(130);
  });
});

describe("arkor build --watch with a bundler plugin that reports no inputs (Rolldown)", () => {
  it("builds once, then says in one line that it cannot watch, rather than watching nothing", async () => {
    const project = createProject("plugin-rolldown", {}, { link: ["rolldown"] });
    const live = project.spawnArkor(["build", "--watch"]);
    await live.waitFor("Cannot watch");
    live.child.kill("SIGINT");
    const result = await live.exited;
    expect(result.stdout).toMatch(/^Built src\/arkor\/index\.ts → \.arkor\/build\/index\.mjs/);
    expect(result.stderr.split("\n").filter((line) => line.includes("Cannot watch"))).toEqual([
      "error: Cannot watch: the bundle plugin rolldown has no watch hook and reported no inputs. Return inputs from its bundle hook (or add a watch hook), or rebuild by hand with arkor build.",
    ]);
    expect(result.code).toBe(130);
  });
});

/** A bundle plugin without a watch hook that reports its inputs: it copies the entry and data.txt into the artifact. */
const COPYING_CONFIG = `import { readFileSync } from "node:fs";
import path from "node:path";

export default {
  plugins: [
    {
      name: "copying-bundler",
      bundle({ cwd, entry, outFile }) {
        const data = path.join(cwd, "data.txt");
        const source = readFileSync(entry, "utf8") + "export const data = " + JSON.stringify(readFileSync(data, "utf8")) + ";\\n";
        return { outFile, outputFiles: [{ path: outFile, contents: new TextEncoder().encode(source) }], inputs: [entry, data], exports: ["data", "trainer"] };
      },
    },
  ],
};
`;

describe("arkor build --watch with a bundler plugin that reports its inputs but has no watch hook", () => {
  it("re-runs the pipeline when one of those inputs changes, naming it", async () => {
    const entry = 'export const trainer = { async start() { return { jobId: "c" }; }, async wait() { return { job: { id: "c", status: "completed" } }; } };\n';
    const project = createProject("trainers", { "arkor.config.mjs": COPYING_CONFIG, "src/arkor/index.ts": entry, "data.txt": "one" });
    const run = await startWatching(project);
    expect(run.events.find((event) => event.type === "watch.ready")).toMatchObject({ inputs: 2 });
    expect(project.read(ARTIFACT)).toContain('export const data = "one";');

    const rebuilt = await rebuildAfter(run, () => project.write("data.txt", "two"));
    expect(rebuilt).toMatchObject({ ok: true });
    expect(run.events.filter((event) => event.type === "build.start").at(-1)).toMatchObject({ changed: [project.path("data.txt")] });
    expect(project.read(ARTIFACT)).toContain('export const data = "two";');
    expect(JSON.parse(project.read(".arkor/build/manifest.json"))).toMatchObject({ bundler: "copying-bundler", exports: ["data", "trainer"], trainerExport: "trainer" });

    run.child.kill("SIGINT");
    const { code, events } = await run.exited;
    expect(code).toBe(130);
    expectWellFormed(events, 130);
  });
});

describe("arkor build --watch after a first build that fails", () => {
  const withModule = (word: string) => `import { createTrainer } from "arkor";
import { label } from "./lib/label";
export const trainer = createTrainer({
  name: label,
  async start() { return { jobId: "${word}" }; },
  async wait() { return { job: { id: "${word}", status: "completed" } }; },
});
`;

  it("rebuilds when the module the error points at is fixed, though the entry is fine", async () => {
    const project = createProject("trainers", { "src/arkor/index.ts": withModule("m"), "src/arkor/lib/label.ts": 'export const label = ;\n' });
    const run = await startWatching(project);
    const failed = run.events.find(isBuildEnd)!;
    expect(failed).toMatchObject({ ok: false });
    expect(failed.errors[0]).toMatchObject({ file: "src/arkor/lib/label.ts" });
    expect(run.events.find((event) => event.type === "watch.ready")).toMatchObject({ inputs: 2 });

    const fixed = await rebuildAfter(run, () => project.write("src/arkor/lib/label.ts", 'export const label = "fixed";\n'));
    expect(fixed).toMatchObject({ ok: true });
    expect(project.read(ARTIFACT)).toContain('"fixed"');
    run.child.kill("SIGINT");
    expect((await run.exited).code).toBe(130);
  });

  it("without a watch hook, watches the last good build's inputs until a build succeeds, then each good build's own", async () => {
    // The plugin refuses a build while lib/label.ts says FORBIDDEN; otherwise it passes and esbuild bundles.
    const config = `import { readFileSync } from "node:fs";
export default { plugins: [{ name: "no-forbidden", bundle({ cwd }) {
  if (readFileSync(cwd + "/src/arkor/lib/label.ts", "utf8").includes("FORBIDDEN")) throw new Error("lib/label.ts says FORBIDDEN");
  return null;
} }] };
`;
    const project = createProject("trainers", { "arkor.config.mjs": config, "src/arkor/index.ts": withModule("p"), "src/arkor/lib/label.ts": 'export const label = "good";\n' });
    expect((await project.arkor(["build"])).code).toBe(0);
    project.write("src/arkor/lib/label.ts", 'export const label = "FORBIDDEN";\n');
    const run = await startWatching(project);
    expect(run.events.find(isBuildEnd)).toMatchObject({ ok: false, errors: [{ text: "[plugin no-forbidden] bundle: lib/label.ts says FORBIDDEN" }] });
    // The last good build's: the two modules and package.json.
    expect(run.events.find((event) => event.type === "watch.ready")).toMatchObject({ inputs: 3 });

    const fixed = await rebuildAfter(run, () => project.write("src/arkor/lib/label.ts", 'export const label = "fine";\n'));
    expect(fixed).toMatchObject({ ok: true });
    expect(project.read(ARTIFACT)).toContain('"fine"');
    const again = await rebuildAfter(run, () => project.write("src/arkor/lib/label.ts", 'export const label = "again";\n'));
    expect(again).toMatchObject({ ok: true });
    expect(project.read(ARTIFACT)).toContain('"again"');
    run.child.kill("SIGINT");
    expect((await run.exited).code).toBe(130);
  });
});
