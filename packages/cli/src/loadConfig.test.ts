import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findConfigFile, loadConfig } from "./loadConfig.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function projectWith(files: Record<string, string>, prefix = "arkor-load-config-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  for (const [name, contents] of Object.entries(files)) writeFileSync(path.join(dir, name), contents);
  return dir;
}

describe("findConfigFile", () => {
  it("prefers .ts, then .mts, .cts, .js, .mjs and .cjs", () => {
    const all = ["arkor.config.cjs", "arkor.config.mjs", "arkor.config.js", "arkor.config.cts", "arkor.config.mts", "arkor.config.ts"];
    for (let kept = all.length; kept > 0; kept--) {
      const dir = projectWith(Object.fromEntries(all.slice(0, kept).map((name) => [name, ""])));
      expect(findConfigFile(dir)).toBe(path.join(dir, all[kept - 1]!));
    }
  });

  it("finds nothing in a project without a config", () => {
    expect(findConfigFile(projectWith({ "package.json": "{}" }))).toBeUndefined();
  });
});

describe("loadConfig", () => {
  it("resolves to undefined without a config, so the defaults run alone", async () => {
    expect(await loadConfig(projectWith({}))).toBeUndefined();
  });

  it("returns the config's plugins in order, from TypeScript with a relative import", async () => {
    const dir = projectWith({
      "arkor.config.ts": 'import { second } from "./second";\nconst first: { name: string } = { name: "first" };\nexport default { plugins: [first, second] };\n',
      "second.ts": 'export const second = { name: "second", resolveEntry: (): null => null };\n',
    });
    const config = await loadConfig(dir);
    expect(config?.file).toBe(path.join(dir, "arkor.config.ts"));
    expect(config?.plugins.map((plugin) => plugin.name)).toEqual(["first", "second"]);
  });

  it("a config without plugins has none", async () => {
    expect((await loadConfig(projectWith({ "arkor.config.mjs": "export default {};\n" })))?.plugins).toEqual([]);
  });

  it("loads the same config many times at once, each through its own temporary file, and leaves none", async () => {
    const dir = projectWith({ "arkor.config.ts": 'export default { plugins: [{ name: "once" }] };\n' });
    const loaded = await Promise.all(Array.from({ length: 8 }, () => loadConfig(dir)));
    expect(loaded.map((config) => config?.plugins[0]?.name)).toEqual(Array(8).fill("once"));
    expect(readdirSync(dir)).toEqual(["arkor.config.ts"]);
  });

  it("removes the temporary file when the config throws, and reports a CONFIG_ERROR", async () => {
    const dir = projectWith({ "arkor.config.ts": 'throw new Error("nope");\n' });
    await expect(loadConfig(dir)).rejects.toMatchObject({
      code: "CONFIG_ERROR",
      message: "Failed to load arkor.config.ts: nope (at arkor.config.ts:1:7). Fix the config, or remove it to use the defaults.",
    });
    expect(readdirSync(dir)).toEqual(["arkor.config.ts"]);
  });

  it("points at the failing line in a file the config imports, also in a folder whose name has spaces", async () => {
    const dir = projectWith(
      {
        "arkor.config.mjs": 'import { plugin } from "./my plugin.mjs";\nexport default { plugins: [plugin()] };\n',
        "my plugin.mjs": 'export function plugin() {\n  throw new Error("needs a token");\n}\n',
      },
      "arkor load config ",
    );
    await expect(loadConfig(dir)).rejects.toThrow(
      "Failed to load arkor.config.mjs: needs a token (at my plugin.mjs:2:9). Fix the config, or remove it to use the defaults.",
    );
    expect(readdirSync(dir).sort()).toEqual(["arkor.config.mjs", "my plugin.mjs"]);
  });
});
