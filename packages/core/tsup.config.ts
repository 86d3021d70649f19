import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { packageConfig } from "../../tsup.base.js";

const dist = new URL("dist/", import.meta.url);

// Two entry points, split: `@arkor/core` whole, and `@arkor/core/trainer`, the small part that
// `import "arkor"` loads. What both reach (src/trainerEntry.ts and what it imports) becomes one
// shared chunk, so a value both export is one value (one ArkorError class). That chunk is named
// dist/trainer.js and the subpath points at it: the subpath loads one file, not an entry file
// that only re-exports the chunk (that file is deleted). Core has no dynamic import(), so there is
// one chunk; a second would need a name of its own (esbuild stops on two outputs with one path).
//
// Declarations are rolled up for the main entry alone (with two, they would all move into a chunk
// with mangled names); trainer.d.ts re-exports the subpath's names from index.d.ts. dist/ is
// cleaned here rather than by tsup, whose declaration build would clean trainer.d.ts away while
// onSuccess writes it.
rmSync(dist, { recursive: true, force: true });

export default packageConfig({
  entry: { index: "src/index.ts", "trainer-entry": "src/trainerEntry.ts" },
  splitting: true,
  clean: false,
  esbuildOptions(options) {
    options.chunkNames = "trainer";
  },
  dts: { entry: { index: "src/index.ts" } },
  async onSuccess() {
    for (const file of ["trainer-entry.js", "trainer-entry.js.map"]) rmSync(new URL(file, dist));
    writeFileSync(new URL("trainer.d.ts", dist), trainerDeclarations());
  },
});

/** `export { … } from "./index.js"` with every name src/trainerEntry.ts exports. */
function trainerDeclarations(): string {
  const source = readFileSync(new URL("src/trainerEntry.ts", import.meta.url), "utf8");
  const names = [...source.matchAll(/^export \{([^}]*)\} from/gm)].flatMap((match) => match[1].split(",").map((name) => name.trim()).filter(Boolean));
  return `export { ${names.join(", ")} } from "./index.js";\n`;
}
