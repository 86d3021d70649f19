import { describe, expect, it } from "vitest";
import { createProject } from "../../../../scripts/test-utils/index.js";
import { parseEvents } from "../../../../scripts/test-utils/jobs.js";

describe("arkor start without an entry says which build it runs", () => {
  it("a build of another entry than the default is named first, with its age, from the manifest", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build", "src/arkor/default-trainer.ts"])).code).toBe(0);
    // Built three minutes ago, as the manifest says.
    const manifest = JSON.parse(project.read(".arkor/build/manifest.json"));
    project.write(".arkor/build/manifest.json", JSON.stringify({ ...manifest, builtAt: new Date(Date.now() - 3 * 60_000 - 5_000).toISOString() }));
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe("Running the build of src/arkor/default-trainer.ts (built 3 minutes ago)\n");
    expect(result.stdout).toContain("Started job default-trainer-job\n");
    expect(result.code).toBe(0);

    const json = await project.arkor(["start", "--json"]);
    const start = parseEvents(json.stdout).find((event) => event.type === "run.start")!;
    expect(start).toMatchObject({ entry: project.path("src/arkor/default-trainer.ts"), builtAt: Date.parse(JSON.parse(project.read(".arkor/build/manifest.json")).builtAt) });
  });

  it("the default entry's build runs with no such line; a start that builds names its entry in run.start, with no builtAt", async () => {
    const project = createProject("trainers");
    expect((await project.arkor(["build"])).code).toBe(0);
    const reused = await project.arkor(["start"]);
    expect(reused.stderr).toBe("");
    const built = await project.arkor(["start", "src/arkor/default-trainer.ts", "--json"]);
    const start = parseEvents(built.stdout).find((event) => event.type === "run.start")!;
    expect(start.entry).toBe(project.path("src/arkor/default-trainer.ts"));
    expect(start).not.toHaveProperty("builtAt");
  });
});
