import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { bareImportFilter, NODE_BUILTINS } from "./bareImportFilter.js";

describe("bareImportFilter", () => {
  const filter = bareImportFilter({ names: [...NODE_BUILTINS, "arkor"], prefixes: ["node:", "arkor/"] });

  it("matches every bare import that can name a package", () => {
    const packages = ["arkor-extras", "arkorx/y", "@acme/features", "ts-lib/math", "fs-extra", "fsx", "n", "node", "nodemon", "node-fetch", "events2", "fs/extra", "readline/promises", "path/"];
    expect(packages.filter((specifier) => !filter.test(specifier))).toEqual([]);
  });

  it("leaves out relative and absolute paths, node: imports and Node's built-ins", () => {
    const others = ["./a", "../a", ".", "/abs/a", "node:fs", "node:test", "node:", "arkor", "arkor/plugins", ...NODE_BUILTINS];
    expect(others.filter((specifier) => filter.test(specifier))).toEqual([]);
  });

  it("leaves out only what esbuild keeps external by itself, so what it skips never fails to resolve", async () => {
    const imports = [...NODE_BUILTINS, "node:fs", "node:not-a-builtin"];
    const contents = imports.map((specifier, i) => `import * as m${i} from ${JSON.stringify(specifier)};`).join("\n") + `\nconsole.log(${imports.map((_, i) => `m${i}`).join(", ")});`;
    const result = await esbuild.build({ stdin: { contents }, bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
    const kept = [...result.outputFiles[0]!.text.matchAll(/from "([^"]+)"/g)].map((match) => match[1]);
    expect(kept).toEqual(imports);
  });

  it("is a regexp esbuild accepts (Go's syntax)", async () => {
    const seen: string[] = [];
    await esbuild.build({
      stdin: { contents: 'import "arkor"; import "node:fs"; import "fs"; import "fsx"; import "arkor-extras";' },
      bundle: true,
      platform: "node",
      external: ["arkor"],
      write: false,
      logLevel: "silent",
      plugins: [{ name: "spy", setup: (build) => build.onResolve({ filter }, (args) => (seen.push(args.path), { path: args.path, external: true })) }],
    });
    expect(seen).toEqual(["fsx", "arkor-extras"]);
  });
});
