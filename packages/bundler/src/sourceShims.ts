import type { BuildResult, Loader, Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { WorkerEntries } from "./workerEntries.js";

/**
 * What a module means by its own location: `__dirname`, `__filename` and
 * `import.meta.url` (with `dirname` and `filename`) name the source file, as
 * when it runs unbuilt (tsx, node), not the artifact in `.arkor/build/`.
 *
 * esbuild replaces each free use with a marker name (a `define`: a local
 * variable of the same name is left alone). A build whose output has a marker
 * is built again with `sourceShims`, which gives each file that uses them the
 * values for its own path, from a virtual module that computes them from the
 * artifact's own URL, so the project can move. Builds that use none of these
 * pay only for the search of the output. A worker started from a literal URL
 * is the exception: it must run bundled, so its URL names its own bundle.
 */
export const SHIM_DEFINES: Record<string, string> = {
  __dirname: "__arkor_dirname",
  __filename: "__arkor_filename",
  "import.meta.url": "__arkor_import_meta_url",
  "import.meta.dirname": "__arkor_dirname",
  "import.meta.filename": "__arkor_filename",
};

const MARKER = /\b__arkor_(?:dirname|filename|import_meta_url)\b/;
/** Injected into every build: the artifact's own location, for a module arkor cannot shim (a plugin's virtual module). */
export const LOCATION_FALLBACK = "arkor-location-fallback";
const NAMESPACE = "arkor-source-location";
const SHIM_PREFIX = "arkor-source-location:";
// What the source may spell: the defines' keys.
const USES = /\b__dirname\b|\b__filename\b|\bimport\.meta\b/;
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Whether an esbuild result's artifact refers to a source's location, so it must be built again with `sourceShims`. */
export function needsSourceShims(result: BuildResult<{ write: false }>, outFile: string): boolean {
  const artifact = result.outputFiles.find((file) => file.path === outFile);
  // Searched as bytes first: decoding a large artifact to text costs more than the build's other checks.
  return artifact !== undefined && bytesOf(artifact.contents).includes("__arkor_") && MARKER.test(artifact.text);
}

export function bytesOf(contents: Uint8Array): Buffer {
  return Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
}

/** The files of a build that spell any of the defined names, by absolute path, with the module format esbuild saw. */
export function shimCandidates(result: BuildResult<{ metafile: true }>, cwd: string): Map<string, "cjs" | "esm"> {
  const candidates = new Map<string, "cjs" | "esm">();
  for (const [input, facts] of Object.entries(result.metafile.inputs)) {
    if (/^[\w-]+:/.test(input) || !SCRIPT.test(input)) continue;
    const file = path.resolve(cwd, input);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    if (USES.test(text)) candidates.set(file, facts.format === "cjs" ? "cjs" : "esm");
  }
  return candidates;
}

/**
 * Loads each candidate with one line-1 prefix (so line numbers, and the source
 * map, stay as they were) that takes the marker names from its virtual module.
 * It goes before third-party plugins: a candidate is a script arkor must shim.
 */
export function sourceShims(candidates: Map<string, "cjs" | "esm">, outFile: string, workers: WorkerEntries): Plugin {
  const outDir = path.dirname(outFile);
  const names = "__arkor_dirname, __arkor_filename, __arkor_import_meta_url, __arkor_artifact_url";
  return {
    name: "arkor:source-location",
    setup(build) {
      const filter = new RegExp(`^(?:${[...candidates.keys()].map(escapeForGo).join("|")})$`);
      build.onLoad({ filter, namespace: "file" }, (args) => {
        const format = candidates.get(args.path);
        if (!format) return undefined;
        const shim = JSON.stringify(SHIM_PREFIX + args.path);
        const prefix = format === "cjs" ? `var { ${names} } = require(${shim});` : `import { ${names} } from ${shim};`;
        // A worker's URL names its bundled file beside the artifact instead (see workerEntries.ts).
        const source = workers.rewrite(readFileSync(args.path, "utf8"), args.path, outFile, "__arkor_artifact_url");
        return { contents: prefix + source, loader: loaderOf(args.path), resolveDir: path.dirname(args.path) };
      });
      build.onResolve({ filter: /^arkor-source-location:/ }, (args) => ({ path: args.path.slice(SHIM_PREFIX.length), namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        // Relative to the artifact's folder, where the artifact will be when it runs.
        const relative = JSON.stringify(path.relative(outDir, args.path));
        return {
          // `import.meta` through a variable: the define would turn `import.meta.url` itself into the marker.
          contents: [
            'import { dirname, join } from "node:path";',
            'import { fileURLToPath, pathToFileURL } from "node:url";',
            "const artifact = import.meta;",
            `export const __arkor_filename = join(dirname(fileURLToPath(artifact.url)), ${relative});`,
            "export const __arkor_dirname = dirname(__arkor_filename);",
            "export const __arkor_import_meta_url = pathToFileURL(__arkor_filename).href;",
            "export const __arkor_artifact_url = artifact.url;",
          ].join("\n"),
          loader: "js",
          resolveDir: outDir,
        };
      });
    },
  };
}

function loaderOf(file: string): Loader {
  const extension = path.extname(file).slice(1);
  if (extension === "tsx" || extension === "jsx") return extension;
  return /^[cm]?ts$/.test(extension) ? "ts" : "js";
}

/** A literal for esbuild's filters, which are Go regular expressions. */
function escapeForGo(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}

/**
 * The module behind LOCATION_FALLBACK: the artifact's own location under the
 * marker names, which esbuild's `inject` gives to every module that uses one
 * without binding it. A source file gets its own from `sourceShims` (an import
 * binds the names, so the fallback never applies to it); a plugin's virtual
 * module, which arkor cannot load itself, gets the artifact's, as before the
 * markers. Free of side effects, so a build that uses none drops it.
 */
export function locationFallback(): Plugin {
  return {
    name: "arkor:location-fallback",
    setup(build) {
      build.onResolve({ filter: /^arkor-location-fallback$/ }, () => ({ path: LOCATION_FALLBACK, namespace: LOCATION_FALLBACK, sideEffects: false }));
      build.onLoad({ filter: /.*/, namespace: LOCATION_FALLBACK }, () => ({
        contents: [
          'import { dirname } from "node:path";',
          'import { fileURLToPath } from "node:url";',
          "const artifact = import.meta;",
          "export const __arkor_import_meta_url = artifact.url;",
          "export const __arkor_filename = fileURLToPath(artifact.url);",
          "export const __arkor_dirname = dirname(__arkor_filename);",
        ].join("\n"),
        loader: "js",
      }));
    },
  };
}
