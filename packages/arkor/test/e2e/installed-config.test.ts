import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installFromTarballs, packTarballs, type InstalledProject } from "../../../../scripts/test-utils/installedProject.js";

// Packing and installing hit the registry for esbuild and clipanion (a cache makes them quick).
const INSTALL_TIMEOUT = 300_000;

let packDir: string;
let project: InstalledProject;

// pnpm's strict layout is the test that matters: only arkor is reachable from the project, not @arkor/bundler.
beforeAll(async () => {
  packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-packs-config-"));
  project = await installFromTarballs("pnpm", packTarballs(packDir));
}, INSTALL_TIMEOUT);
afterAll(() => {
  project?.remove();
  rmSync(packDir, { recursive: true, force: true });
});

describe("arkor.config.ts in a project that installed arkor with pnpm", () => {
  it("imports defineConfig from arkor and esbuildBundler from arkor/plugins, and its esbuild plugin bundles", async () => {
    project.write(
      "arkor.config.ts",
      [
        'import { defineConfig, type ArkorPlugin } from "arkor";',
        'import { esbuildBundler } from "arkor/plugins";',
        "",
        "const release = {",
        '  name: "release",',
        "  setup(build: { onResolve: Function; onLoad: Function }) {",
        '    build.onResolve({ filter: /^virtual:release$/ }, () => ({ path: "release", namespace: "release" }));',
        '    build.onLoad({ filter: /.*/, namespace: "release" }, () => ({ contents: "export default \\"v7\\";", loader: "js" }));',
        "  },",
        "};",
        'const passes: ArkorPlugin = { name: "passes", resolveEntry: () => null };',
        "",
        "export default defineConfig({ plugins: [passes, esbuildBundler({ esbuildPlugins: [release] })] });",
      ].join("\n"),
    );
    project.write(
      "src/arkor/index.ts",
      [
        'import { createArkor, createTrainer } from "arkor";',
        'import release from "virtual:release";',
        "",
        "export const arkor = createArkor({",
        "  trainer: createTrainer({",
        "    async start() { return { jobId: `release-${release}` }; },",
        "    async wait() { return { job: { id: `release-${release}`, status: \"completed\" } }; },",
        "  }),",
        "});",
      ].join("\n"),
    );
    const result = await project.exec("npx", ["arkor", "start"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Built src/arkor/index.ts → .arkor/build/index.mjs\nStarted job release-v7\nJob release-v7 finished with status=completed\n");
    expect(result.code).toBe(0);
  });
});
