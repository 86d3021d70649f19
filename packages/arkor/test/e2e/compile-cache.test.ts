import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, NODE } from "../../../../scripts/test-utils/index.js";

// Whether the Node that runs the bin offers module.enableCompileCache (22.1+).
const nodeHasCompileCache = spawnSync(NODE, ["-p", "typeof require('node:module').enableCompileCache"], { encoding: "utf8" }).stdout.trim() === "function";
// Without NODE_COMPILE_CACHE, Node keeps the cache in <os.tmpdir()>/node-compile-cache, and os.tmpdir() follows TMPDIR.
const noCacheEnv = { NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };

describe("Node's compile cache", () => {
  it(`is ${nodeHasCompileCache ? "kept in Node's default folder" : "left alone on a Node without it"}`, async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start"], { env: { ...noCacheEnv, TMPDIR: project.path("tmp") } });
    expect(result.code).toBe(0);
    const cache = project.path("tmp/node-compile-cache");
    expect(existsSync(cache) && readdirSync(cache, { recursive: true }).length > 0).toBe(nodeHasCompileCache);
  });

  it("never fails a run, even where the cache cannot be written", async () => {
    const project = createProject("trainers", { "tmp-is-a-file": "" });
    const result = await project.arkor(["start"], { env: { ...noCacheEnv, TMPDIR: project.path("tmp-is-a-file") } });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Job named-arkor-job finished with status=completed\n");
    expect(result.code).toBe(0);
  });
});
