import { describe, expect, it } from "vitest";
import { build } from "./build.js";
import type { ArkorPlugin } from "./plugin.js";

describe("build: resolve, then bundle", () => {
  it("hands the resolved entry and the default output paths to the bundle hook", async () => {
    const seen: unknown[] = [];
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: ({ entry }) => entry ?? "src/main.ts" },
      {
        name: "bundler",
        bundle(ctx) {
          seen.push(ctx);
          return { outFile: ctx.outFile };
        },
      },
    ];
    const output = await build({ cwd: "/project", plugins });
    expect(output).toEqual({ entry: "/project/src/main.ts", outFile: "/project/.arkor/build/index.mjs" });
    expect(seen).toEqual([
      { cwd: "/project", entry: "/project/src/main.ts", outDir: "/project/.arkor/build", outFile: "/project/.arkor/build/index.mjs", signal: undefined },
    ]);
  });

  it("passes the entry as the user typed it to resolveEntry", async () => {
    const typed: Array<string | undefined> = [];
    const plugins: ArkorPlugin[] = [
      { name: "resolver", resolveEntry: ({ entry }) => (typed.push(entry), "/abs/x.ts") },
      { name: "bundler", bundle: ({ outFile }) => ({ outFile }) },
    ];
    await build({ cwd: "/project", entry: "./x.ts", plugins });
    expect(typed).toEqual(["./x.ts"]);
  });
});
