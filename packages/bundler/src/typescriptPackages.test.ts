import * as esbuild from "esbuild";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { typescriptPackages } from "./typescriptPackages.js";

const root = mkdtempSync(path.join(os.tmpdir(), "arkor-ts-packages-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, contents: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), contents);
}

// A workspace package shipping TypeScript, linked into node_modules as pnpm does.
write("packages/ts-lib/package.json", JSON.stringify({ name: "ts-lib", exports: { ".": "./src/index.ts", "./math": "./src/math.mts", "./sdk": "./src/sdk.ts" } }));
write("packages/ts-lib/src/index.ts", 'import { helper } from "js-lib";\nexport const fromTs: string = `ts+${helper}`;\n');
write("packages/ts-lib/src/math.mts", "export const double = (n: number): number => n * 2;\n");
// arkor installed where only ts-lib sees it (pnpm's strict layout).
write("packages/ts-lib/src/sdk.ts", 'export { createArkor } from "arkor";\nexport { loadPlugins } from "arkor/plugins";\n');
write("packages/ts-lib/node_modules/arkor/package.json", JSON.stringify({ name: "arkor", exports: { ".": "./index.js", "./plugins": "./plugins.js" } }));
write("packages/ts-lib/node_modules/arkor/index.js", "export const createArkor = () => {};\n");
write("packages/ts-lib/node_modules/arkor/plugins.js", "export const loadPlugins = () => {};\n");
write("node_modules/js-lib/package.json", JSON.stringify({ name: "js-lib", exports: { ".": { import: "./index.js" } } }));
write("node_modules/js-lib/index.js", 'export const helper = "js";\n');
// A tsconfig alias to a project file, which esbuild bundles under packages: "external" too.
write("tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@app/*": ["./app/*"] } } }));
write("app/settings.js", "export const epochs = 3;\n");
mkdirSync(path.join(root, "node_modules"), { recursive: true });
symlinkSync(path.join(root, "packages/ts-lib"), path.join(root, "node_modules/ts-lib"), "dir");

async function bundle(source: string, plugins: esbuild.Plugin[] = [typescriptPackages()]): Promise<string> {
  write("entry.ts", source);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "entry.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    write: false,
    logLevel: "silent",
    plugins,
  });
  return result.outputFiles[0]!.text;
}

describe("typescriptPackages", () => {
  it("inlines a package whose entry is TypeScript, and keeps its JavaScript imports external", async () => {
    const text = await bundle('import { fromTs } from "ts-lib";\nconsole.log(fromTs);\n');
    expect(text).toContain("var fromTs = `ts+${helper}`;");
    expect(text).toContain('import { helper } from "js-lib";');
    expect(text).not.toContain('from "ts-lib"');
  });

  it("inlines a TypeScript subpath export", async () => {
    const text = await bundle('import { double } from "ts-lib/math";\nconsole.log(double(2));\n');
    expect(text).toContain("var double = (n) => n * 2;");
    expect(text).not.toContain('"ts-lib/math"');
  });

  it("keeps packages that ship JavaScript, Node built-ins and uninstalled packages as bare imports", async () => {
    const text = await bundle(
      'import { helper } from "js-lib";\nimport { readFileSync } from "node:fs";\nimport missing from "not-installed";\nconsole.log(helper, readFileSync, missing);\n',
    );
    expect(text).toContain('import { helper } from "js-lib";');
    expect(text).toContain('import { readFileSync } from "node:fs";');
    expect(text).toContain('import missing from "not-installed";');
  });

  it("still inlines a JavaScript project file reached through a tsconfig paths alias", async () => {
    const text = await bundle('import { epochs } from "@app/settings.js";\nconsole.log(epochs);\n');
    expect(text).toContain("var epochs = 3;");
    expect(text).not.toContain('"@app/settings.js"');
  });

  it("keeps arkor, the runtime SDK, external, as the spec says, even where only an inlined package sees it", async () => {
    const text = await bundle('import { createArkor, loadPlugins } from "ts-lib/sdk";\nconsole.log(createArkor, loadPlugins);\n');
    expect(text).toContain('import { createArkor } from "arkor";');
    expect(text).toContain('import { loadPlugins } from "arkor/plugins";');
  });

  it("lets a plugin placed before it answer first", async () => {
    const virtual: esbuild.Plugin = {
      name: "virtual",
      setup(build) {
        build.onResolve({ filter: /^ts-lib$/ }, () => ({ path: "ts-lib", namespace: "virtual" }));
        build.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({ contents: 'export const fromTs = "virtual";', loader: "js" }));
      },
    };
    const text = await bundle('import { fromTs } from "ts-lib";\nconsole.log(fromTs);\n', [virtual, typescriptPackages()]);
    expect(text).toContain('var fromTs = "virtual";');
  });

  it("resolves an import once per folder and build, however many modules import it", async () => {
    // A plugin placed before ours sees every lookup ours makes through build.resolve.
    let lookups = 0;
    const spy: esbuild.Plugin = {
      name: "spy",
      setup: (build) => build.onResolve({ filter: /^js-lib$/ }, (args) => void (typeof args.pluginData === "symbol" && lookups++)),
    };
    for (const name of ["a", "b", "c"]) write(`many/${name}.ts`, 'export { helper } from "js-lib";\n');
    write("many/entry.ts", 'import { helper as a } from "./a";\nimport { helper as b } from "./b";\nimport { helper as c } from "./c";\nconsole.log(a, b, c);\n');
    const context = await esbuild.context({
      absWorkingDir: root,
      entryPoints: [path.join(root, "many/entry.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      packages: "external",
      write: false,
      logLevel: "silent",
      plugins: [spy, typescriptPackages()],
    });
    try {
      const first = await context.rebuild();
      expect(first.outputFiles![0]!.text).toContain('import { helper } from "js-lib";');
      expect(lookups).toBe(1);
      await context.rebuild(); // a rebuild asks again: the package may have changed in between
      expect(lookups).toBe(2);
    } finally {
      await context.dispose();
    }
  });

  it("does nothing when the build bundles packages anyway", async () => {
    const plugin = typescriptPackages();
    const options: esbuild.BuildOptions = {};
    plugin.setup({ initialOptions: options, onResolve: () => expect.unreachable("no callback") } as unknown as esbuild.PluginBuild);
    expect(options.packages).toBeUndefined();
  });
});
