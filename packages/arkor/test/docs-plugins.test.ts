import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../scripts/test-utils/index.js";

const GUIDE = readFileSync(path.join(REPO_ROOT, "docs/plugins.md"), "utf8");

/** Code blocks whose info string names a file after the language (```ts fixtures/…), with their contents. */
function fileBlocks(markdown: string): { file: string; code: string }[] {
  return [...markdown.matchAll(/^```\w+ (\S+)\n([\s\S]*?)^```$/gm)].map(([, file, code]) => ({ file: file!, code: code! }));
}

describe("docs/plugins.md", () => {
  it("shows the example plugin, its config and its tests verbatim from the fixture the suite runs", () => {
    const blocks = fileBlocks(GUIDE);
    expect(blocks.map((block) => block.file)).toEqual([
      "fixtures/plugin-variants/plugins/variantEntry.ts",
      "fixtures/plugin-variants/arkor.config.ts",
      "fixtures/plugin-variants/plugins/variantEntry.test.ts",
    ]);
    for (const { file, code } of blocks) expect(code, file).toBe(readFileSync(path.join(REPO_ROOT, file), "utf8"));
  });

  it("names only fixtures that exist", () => {
    for (const [fixture] of GUIDE.matchAll(/fixtures\/[\w-]+/g)) {
      expect(() => readFileSync(path.join(REPO_ROOT, fixture, "package.json")), fixture).not.toThrow();
    }
  });
});
