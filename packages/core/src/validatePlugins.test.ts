import { describe, expect, it } from "vitest";
import { validatePlugins } from "./validatePlugins.js";

describe("validatePlugins", () => {
  it("accepts named plugins with function hooks", () => {
    const plugins = [{ name: "a" }, { name: "b", resolveEntry: () => null, bundle: () => null, watch: () => null }];
    expect(validatePlugins(plugins)).toEqual(plugins);
  });

  it("composes like vite and Rollup: skips falsy entries, flattens nested arrays, keeps order", () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => ({ name }));
    expect(validatePlugins([false, a, null, [b, [undefined, c]], undefined, 0, "", [], d])).toEqual([a, b, c, d]);
  });

  it("allows keys of the plugin's own that are not hooks", () => {
    const plugin = { name: "mine", version: "1.0.0", enforce: "pre", resolveId: () => null, api: { ready: true } };
    expect(validatePlugins([plugin])).toEqual([plugin]);
  });

  it.each([
    [[{}], "Plugin at index 0 is missing a name. Give it one: { name: \"my-plugin\", ... }."],
    [[{ name: "ok" }, { name: "" }], "Plugin at index 1 is missing a name. Give it one: { name: \"my-plugin\", ... }."],
    [[false, [{ name: "ok" }, {}]], "Plugin at index 1[1] is missing a name. Give it one: { name: \"my-plugin\", ... }."],
    [[true], "Plugin at index 0 must be an object with a name and hooks, got boolean true. Did you forget to call the plugin factory?"],
    [[() => ({ name: "factory" })], "Plugin at index 0 must be an object with a name and hooks, got a function. Did you forget to call the plugin factory?"],
    [[Promise.resolve({ name: "later" })], "Plugin at index 0 is a Promise. Await it in the config: plugins: [await myPlugin()]."],
    [[{ name: "x", bundle: "esbuild" }], 'Plugin "x": hook "bundle" must be a function, got string "esbuild".'],
    [[{ name: "x", watch: true }], 'Plugin "x": hook "watch" must be a function, got boolean true.'],
    [[{ name: "x", resolveentry: () => null }], 'Plugin "x" has an unknown key "resolveentry". Did you mean the hook "resolveEntry"?'],
    [[{ name: "x", bundel: () => null }], 'Plugin "x" has an unknown key "bundel". Did you mean the hook "bundle"?'],
    [[[{ name: "x", wacth: () => null }]], 'Plugin "x" has an unknown key "wacth". Did you mean the hook "watch"?'],
  ])("rejects %j", (plugins, message) => {
    expect(() => validatePlugins(plugins)).toThrow(message);
  });

  it("describes values JSON cannot: a BigInt or a symbol as a hook", () => {
    expect(() => validatePlugins([{ name: "x", bundle: 1n }])).toThrow('Plugin "x": hook "bundle" must be a function, got bigint 1n.');
    expect(() => validatePlugins([{ name: "x", bundle: Symbol("esbuild") }])).toThrow('Plugin "x": hook "bundle" must be a function, got symbol Symbol(esbuild).');
  });
});
