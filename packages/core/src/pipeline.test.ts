import { describe, expect, it } from "vitest";
import { isArkorError, PluginError, entryNotFound } from "./errors.js";
import { createPipeline } from "./pipeline.js";
import type { ArkorPlugin } from "./plugin.js";

const ctx = { cwd: "/project" };

describe("createPipeline: hookFirst", () => {
  it("returns the first non-nullish answer, in plugin order", async () => {
    const calls: string[] = [];
    const plugin = (name: string, answer: string | null | undefined): ArkorPlugin => ({
      name,
      resolveEntry() {
        calls.push(name);
        return answer;
      },
    });
    const pipeline = createPipeline([plugin("a", null), plugin("b", undefined), plugin("c", "/project/c.ts"), plugin("d", "/project/d.ts")]);
    await expect(pipeline.hookFirst("resolveEntry", ctx)).resolves.toBe("/project/c.ts");
    expect(calls).toEqual(["a", "b", "c"]);
  });

  it("awaits async hooks and skips plugins without the hook", async () => {
    const pipeline = createPipeline([{ name: "bundle-only", bundle: () => null }, { name: "async", resolveEntry: async () => "/project/x.ts" }]);
    await expect(pipeline.hookFirst("resolveEntry", ctx)).resolves.toBe("/project/x.ts");
  });

  it("passes the context through unchanged", async () => {
    const seen: unknown[] = [];
    const recorder: ArkorPlugin = { name: "recorder", resolveEntry: (context) => (seen.push(context), "/project/y.ts") };
    const pipeline = createPipeline([recorder]);
    await pipeline.hookFirst("resolveEntry", { cwd: "/project", entry: "y.ts" });
    expect(seen).toEqual([{ cwd: "/project", entry: "y.ts" }]);
  });

  it("attributes a throwing hook to its plugin as [plugin NAME] HOOK: message", async () => {
    const cause = new Error("disk on fire");
    const pipeline = createPipeline([{ name: "my-bundler", bundle: () => Promise.reject(cause) }]);
    const error = await pipeline.hookFirst("bundle", { cwd: "/p", entry: "/p/a.ts", outDir: "/p/o", outFile: "/p/o/i.mjs" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginError);
    expect(error).toMatchObject({ code: "PLUGIN_ERROR", plugin: "my-bundler", hook: "bundle", cause, message: "[plugin my-bundler] bundle: disk on fire" });
  });

  it("wraps a thrown non-Error value too", async () => {
    const pipeline = createPipeline([{ name: "odd", resolveEntry: () => { throw "just a string"; } }]);
    await expect(pipeline.hookFirst("resolveEntry", ctx)).rejects.toThrow("[plugin odd] resolveEntry: just a string");
  });

  it("lets arkor's own typed errors through unwrapped, so the spec's messages stay verbatim", async () => {
    const pipeline = createPipeline([{ name: "arkor:resolver", resolveEntry: () => { throw entryNotFound("/p/src/arkor/index.ts"); } }]);
    const error = await pipeline.hookFirst("resolveEntry", ctx).catch((e: unknown) => e);
    expect(isArkorError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Build entry not found: /p/src/arkor/index.ts. Create src/arkor/index.ts or pass an explicit entry argument.",
    );
  });

  it("lets an abort of the build through as itself, not as the plugin's fault", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    const aborting: ArkorPlugin = { name: "b", bundle: ({ signal }) => signal!.throwIfAborted() as never };
    const pipeline = createPipeline([aborting]);
    const error = await pipeline.hookFirst("bundle", { cwd: "/p", entry: "/p/a.ts", outDir: "/o", outFile: "/o/i.mjs", signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBe(reason);
  });

  it("names the hook when no plugin answers it", async () => {
    const pipeline = createPipeline([{ name: "passes", resolveEntry: () => null }]);
    await expect(pipeline.hookFirst("resolveEntry", ctx)).rejects.toThrow(
      "No plugin answered the resolveEntry hook. Add a plugin with a resolveEntry hook, such as defaultResolver() from @arkor/resolver.",
    );
    await expect(pipeline.hookFirst("bundle", { cwd: "/p", entry: "/p/a.ts", outDir: "/o", outFile: "/o/i.mjs" })).rejects.toThrow(
      "No plugin answered the bundle hook. Add a plugin with a bundle hook, such as esbuildBundler() from @arkor/bundler.",
    );
  });

  it("rejects an answer of the wrong shape, naming the plugin", async () => {
    const pipeline = createPipeline([{ name: "sloppy", bundle: () => ({ file: "x" }) as never }]);
    await expect(pipeline.hookFirst("bundle", { cwd: "/p", entry: "/p/a.ts", outDir: "/o", outFile: "/o/i.mjs" })).rejects.toThrow(
      "[plugin sloppy] bundle: returned an invalid value; expected { outFile: string }.",
    );
  });
});
