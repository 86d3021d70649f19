import { describe, expect, it } from "vitest";
import { validatePlugins } from "./validatePlugins.js";

describe("validatePlugins", () => {
  it("accepts named plugins with function hooks", () => {
    const plugins = [{ name: "a" }, { name: "b", resolveEntry: () => null, bundle: () => null }];
    expect(validatePlugins(plugins)).toEqual(plugins);
  });

  it.each([
    [[{}], "Plugin at index 0 is missing a name. Give it one: { name: \"my-plugin\", ... }."],
    [[{ name: "ok" }, { name: "" }], "Plugin at index 1 is missing a name. Give it one: { name: \"my-plugin\", ... }."],
    [[undefined], "Plugin at index 0 must be an object with a name and hooks, got undefined. Did you forget to call the plugin factory?"],
    [[() => ({ name: "factory" })], "Plugin at index 0 must be an object with a name and hooks, got a function. Did you forget to call the plugin factory?"],
    [[{ name: "x", bundle: "esbuild" }], 'Plugin "x": hook "bundle" must be a function, got string "esbuild".'],
    [[{ name: "x", transform: () => null }], 'Plugin "x" has an unknown key "transform". Known keys: name, resolveEntry, bundle, watch.'],
  ])("rejects %j", (plugins, message) => {
    expect(() => validatePlugins(plugins)).toThrow(message);
  });
});
