import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";
import { expectWellFormed, runJson, typesOf } from "./jsonEvents.js";

const ARTIFACT = ".arkor/build/index.mjs";
const MANIFEST = ".arkor/build/manifest.json";
const staleWarning = (files: string) =>
  `warning: ${ARTIFACT} is older than its sources (${files} changed since the build); running it as it is. Rebuild with arkor build, or arkor start <entry>.\n`;

describe("arkor start on a reused artifact: staleness and integrity", () => {
  it("warns, naming the edited file, then runs the old artifact as it is", async () => {
    const project = createProject("quickstart");
    expect((await project.arkor(["build"])).code).toBe(0);
    appendFileSync(project.path("src/arkor/model.ts"), "// edited\n");
    const result = await project.arkor(["start"]);
    expect(result.stderr.split("\n").filter((line) => !line.startsWith("progress "))).toEqual([staleWarning("src/arkor/model.ts").trimEnd(), ""]);
    expect(result.stdout).toMatch(/^Started job /);
    expect(result.code).toBe(0);
  });

  it("says nothing when the sources were only touched, not changed", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    const source = project.read("src/arkor/index.ts");
    project.write("src/arkor/index.ts", source); // a new mtime, the same bytes
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("emits artifact.stale with the changed inputs in --json", async () => {
    const project = createProject("quickstart");
    expect((await project.arkor(["build"])).code).toBe(0);
    appendFileSync(project.path("src/arkor/trainer.ts"), "// edited\n");
    const { code, events, stderr } = await runJson(project, ["start"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expectWellFormed(events, 0);
    expect(typesOf(events).slice(0, 3)).toEqual(["artifact.stale", "run.start", "job.started"]);
    expect(events[0]).toEqual({ v: 1, seq: 0, time: expect.any(Number), type: "artifact.stale", artifact: project.path(ARTIFACT), changed: [project.path("src/arkor/trainer.ts")] });
  });

  it("counts the config as an input: editing arkor.config.ts makes the artifact stale", async () => {
    const project = createProject("trainers", { "arkor.config.ts": "export default { plugins: [] };\n" });
    expect((await project.arkor(["build"])).code).toBe(0);
    expect(JSON.parse(project.read(MANIFEST)).config).toMatchObject({ path: "arkor.config.ts", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    project.write("arkor.config.ts", "export default { plugins: [] }; // edited\n");
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe(staleWarning("arkor.config.ts"));
    expect(result.code).toBe(0);
    const { events } = await runJson(project, ["manifest"]);
    expect(events[0]).toMatchObject({ stale: true, changed: [project.path("arkor.config.ts")] });
  });

  it("refuses an artifact edited by hand, naming it as corrupted, and runs nothing", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    appendFileSync(project.path(ARTIFACT), "\nconsole.log('edited by hand');\n");
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe(
      `error: The build artifact ${ARTIFACT} is corrupted: it does not match the hash its build recorded (was it edited by hand?). Run arkor build to rebuild it.\n`,
    );
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("runs an artifact that has no manifest (an older arkor, a plugin that writes none)", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    rmSync(project.path(MANIFEST));
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Started job named-arkor-job\nJob named-arkor-job finished with status=completed\n");
    expect(result.code).toBe(0);
  });
});

describe("arkor manifest", () => {
  it("prints the manifest and that it is fresh", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    const manifest = JSON.parse(project.read(MANIFEST));
    const result = await project.arkor(["manifest"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").map((line) => line.split(/\s+/)[0])).toEqual(["entry", "artifact", "built", "trainer", "inputs", "stale", ""]);
    expect(result.stdout).toContain("entry      src/arkor/index.ts\n");
    expect(result.stdout).toContain(`artifact   ${ARTIFACT} (`);
    expect(result.stdout).toContain(`sha256 ${manifest.artifact.sha256.slice(0, 12)}…)\n`);
    expect(result.stdout).toContain("trainer    export arkor\n");
    expect(result.stdout).toContain(`inputs     ${manifest.inputs.length} files\n`);
    expect(result.stdout).toContain("stale      no\n");
  });

  it("--json: one manifest event with the file's contents; changed, added and removed since the build", async () => {
    const project = createProject("quickstart");
    expect((await project.arkor(["build"])).code).toBe(0);
    const written = JSON.parse(project.read(MANIFEST));
    expect(written).toMatchObject({ schemaVersion: 1, entry: "src/arkor/index.ts", bundler: "arkor:esbuild", trainerExport: "arkor", exports: ["arkor"] });
    expect(written.inputs.map((input: { path: string }) => input.path)).toEqual(
      ["data/houses.json", "package.json", "src/arkor/dataset.ts", "src/arkor/index.ts", "src/arkor/model.ts", "src/arkor/trainer.ts", "tsconfig.json"],
    );

    const fresh = await runJson(project, ["manifest"]);
    expectWellFormed(fresh.events, 0);
    expect(typesOf(fresh.events)).toEqual(["manifest", "end"]);
    expect(fresh.events[0]).toMatchObject({ manifest: written, artifactExists: true, stale: false, changed: [], added: [], removed: [] });
    expect(fresh.events[0]).not.toHaveProperty("trainerName");

    appendFileSync(project.path("src/arkor/model.ts"), "// edited\n");
    rmSync(project.path("src/arkor/dataset.ts"));
    project.write("src/arkor/extra.ts", "export const extra = 1;\n");
    const stale = await runJson(project, ["manifest"]);
    expect(stale.code).toBe(0);
    expect(stale.events[0]).toMatchObject({
      stale: true,
      changed: [project.path("src/arkor/model.ts")],
      removed: [project.path("src/arkor/dataset.ts")],
      added: [project.path("src/arkor/extra.ts")],
    });
    const text = await project.arkor(["manifest"]);
    expect(text.stdout).toContain("stale      yes\n  changed  src/arkor/model.ts\n  removed  src/arkor/dataset.ts\n  added    src/arkor/extra.ts\n");
    // It never builds: the artifact is the one from before.
    expect(JSON.parse(project.read(MANIFEST))).toEqual(written);
  });

  it("--inspect adds the trainer's name, without calling start()", async () => {
    const project = createProject("trainers", {
      "src/arkor/index.ts": `import { createTrainer } from "arkor";
import { writeFileSync } from "node:fs";
export const trainer = createTrainer({
  name: "inspected",
  async start() { writeFileSync("started", ""); return { jobId: "x" }; },
  async wait() { return { job: { id: "x", status: "completed" } }; },
});
`,
    });
    expect((await project.arkor(["build"])).code).toBe(0);
    const { code, events } = await runJson(project, ["manifest", "--inspect"]);
    expect(code).toBe(0);
    expectWellFormed(events, 0);
    expect(events[0]).toMatchObject({ type: "manifest", trainerName: "inspected", stale: false });
    const text = await project.arkor(["manifest", "--inspect"]);
    expect(text.stdout).toContain("trainer    export trainer (inspected)\n");
    expect(existsSync(project.path("started"))).toBe(false);
  });

  it("never builds: without an artifact the manifest is null", async () => {
    const project = createProject("trainers");
    const { code, events } = await runJson(project, ["manifest"]);
    expect(code).toBe(0);
    expectWellFormed(events, 0);
    expect(events[0]).toMatchObject({ type: "manifest", manifest: null, artifactExists: false, stale: false, changed: [], added: [], removed: [] });
    const text = await project.arkor(["manifest"]);
    expect(text.stdout).toBe("No build yet: run arkor build.\n");
    expect(existsSync(project.path(".arkor"))).toBe(false);
  });

  it("an artifact without a manifest is said to have none", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    rmSync(project.path(MANIFEST));
    const text = await project.arkor(["manifest"]);
    expect(text.stdout).toBe("The artifact has no manifest (built by an older arkor or a bundler plugin that writes none).\n");
    expect(readFileSync(project.path(ARTIFACT), "utf8")).toContain("named-arkor");
  });
});
