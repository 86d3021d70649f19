import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import packageJson from "../package.json" with { type: "json" };
import type { TrainerExport } from "./events.js";
import { nodeCrypto } from "./nodeBuiltins.js";
import { DEFAULT_OUT_DIR, displayPath, resolveBelow } from "./paths.js";

/** Bumped only when a field changes meaning; fields are otherwise only added. */
export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_FILE_NAME = "manifest.json";

/** A source file that went into the artifact. */
export interface ManifestInput {
  /** Relative to the project root, posix separators (absolute when outside it). */
  path: string;
  bytes: number;
  /** When it was last modified, so a check can stat first and hash only what changed. */
  mtimeMs: number;
  sha256: string;
}

/**
 * `.arkor/build/manifest.json`: what a build made and from what. Written
 * atomically with the artifact; read without running user code or a bundler.
 */
export interface BuildManifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  /** The arkor version that built it. */
  arkorVersion: string;
  /** ISO 8601. */
  builtAt: string;
  /** The plugin that answered `bundle`, such as `arkor:esbuild`. */
  bundler: string;
  /** The source entry, relative to the project root. */
  entry: string;
  /**
   * `mtimeMs` is the artifact's as written, so a start that finds the same
   * size and time trusts the hash without reading the file (absent in older manifests).
   */
  artifact: { path: string; bytes: number; sha256: string; mtimeMs?: number };
  /**
   * The other files the build wrote with the artifact, in the same atomic
   * commit: its source map, each worker's bundle and map. Absent when the
   * bundler wrote the artifact itself (and in older manifests).
   */
  outputs?: ManifestOutput[];
  /** The config the build used, if any. */
  config: ManifestInput | null;
  /** Every source file in the bundle; null when the bundler did not say (a third-party plugin). */
  inputs: ManifestInput[] | null;
  /** The artifact's export names; null when the bundler did not say. */
  exports: string[] | null;
  /** The export `arkor start` will take the trainer from, by the spec's order; null when unknown or none fits. */
  trainerExport: TrainerExport | null;
}

/** A file the build wrote besides the artifact. */
export interface ManifestOutput {
  /** Relative to the project root, posix separators. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestFacts {
  cwd: string;
  entry: string;
  outFile: string;
  bundler: string;
  artifact: { bytes: number; sha256: string };
  /** The other files written with the artifact. */
  outputs?: readonly { path: string; contents: Uint8Array }[];
  inputs?: string[];
  exports?: string[];
  configFile?: string;
  /** When the build began: an input modified after it may not be what the bundler read. */
  startedAt: number;
  /** The manifest of the build before, whose hashes stand for inputs unchanged since. */
  previous?: BuildManifest;
}

/**
 * The manifest of a build. Each input is stat-ed, and hashed only when its
 * size or mtime differs from the previous manifest's record of it (a rebuild
 * after a one-file edit hashes one file), one file at a time: the bundler has
 * just read them all, and reading them again in parallel cost more than the build.
 */
export function createManifest(facts: ManifestFacts): BuildManifest {
  const { cwd } = facts;
  // By the path as recorded: the new record's own path, so no input is resolved twice.
  const known = new Map([...(facts.previous?.inputs ?? []), ...(facts.previous?.config ? [facts.previous.config] : [])].map((input) => [input.path, input]));
  const describe = (file: string, stats: Stats): ManifestInput => {
    const recorded = displayPath(cwd, file);
    const before = known.get(recorded);
    // Changed while the bundler ran: record no hash, so every check sees it as changed.
    const sha256 =
      stats.mtimeMs > facts.startedAt ? "" : before && before.sha256 !== "" && before.bytes === stats.size && before.mtimeMs === stats.mtimeMs ? before.sha256 : sha256Of(readFileSync(file));
    return { path: recorded, bytes: stats.size, mtimeMs: stats.mtimeMs, sha256 };
  };
  // An input that is not a file on disk (a plugin's virtual module) cannot be hashed or watched: left out.
  const inputs = facts.inputs
    ? [...new Set(facts.inputs)].sort().flatMap((file) => {
        // Taken now, after the bundler read every input: an edit since then has a time after startedAt.
        const stats = statSync(file, { throwIfNoEntry: false });
        return stats?.isFile() ? [describe(file, stats)] : [];
      })
    : null;
  const configStats = facts.configFile ? statSync(facts.configFile, { throwIfNoEntry: false }) : undefined;
  const exports = facts.exports ? [...facts.exports].sort() : null;
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    arkorVersion: packageJson.version,
    builtAt: new Date().toISOString(),
    bundler: facts.bundler,
    entry: displayPath(cwd, facts.entry),
    artifact: { path: displayPath(cwd, facts.outFile), ...facts.artifact },
    ...(facts.outputs && {
      outputs: facts.outputs
        .map((file) => ({ path: displayPath(cwd, file.path), bytes: file.contents.byteLength, sha256: sha256Of(file.contents) }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
    }),
    config: facts.configFile && configStats?.isFile() ? describe(facts.configFile, configStats) : null,
    inputs,
    exports,
    trainerExport: exports ? predictTrainerExport(exports) : null,
  };
}

/** The spec's discovery order applied to export names alone (no code runs). */
function predictTrainerExport(exports: readonly string[]): TrainerExport | null {
  return (["arkor", "trainer", "default"] as const).find((name) => exports.includes(name)) ?? null;
}

/** The absolute paths of a manifest's inputs, in its order. */
export function inputFiles(cwd: string, manifest: BuildManifest | undefined): string[] {
  return (manifest?.inputs ?? []).map((input) => resolveBelow(cwd, input.path));
}

export function manifestPath(cwd: string): string {
  return path.resolve(cwd, DEFAULT_OUT_DIR, MANIFEST_FILE_NAME);
}

/** The project's manifest, or undefined when there is none or it is not one we can read. */
export function readManifest(cwd: string): BuildManifest | undefined {
  let text: string;
  try {
    text = readFileSync(manifestPath(cwd), "utf8");
  } catch {
    return undefined;
  }
  try {
    const manifest = JSON.parse(text) as BuildManifest;
    return manifest?.schemaVersion === MANIFEST_SCHEMA_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface Staleness {
  stale: boolean;
  /** Absolute paths. */
  changed: string[];
  removed: string[];
}

/**
 * Which inputs (and the config) differ from the build's. Cheap enough for
 * every `arkor start`: a stat per input, and a hash only where the size or
 * mtime moved.
 */
export function checkStaleness(cwd: string, manifest: BuildManifest): Staleness {
  const changed: string[] = [];
  const removed: string[] = [];
  // The stat is the floor of this loop (docs/performance.md): nothing else here runs per input unless it moved.
  const check = (input: ManifestInput) => {
    const file = resolveBelow(cwd, input.path);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile()) removed.push(file);
    else if (stats.size !== input.bytes) changed.push(file);
    else if (stats.mtimeMs !== input.mtimeMs && sha256Of(readFileSync(file)) !== input.sha256) changed.push(file);
    else if (input.sha256 === "") changed.push(file);
  };
  for (const input of manifest.inputs ?? []) check(input);
  if (manifest.config) check(manifest.config);
  return { stale: changed.length + removed.length > 0, changed, removed };
}

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"]);

/** Source files created beside the inputs since the build: not in the bundle, but perhaps about to be. */
export function addedBesideInputs(cwd: string, manifest: BuildManifest): string[] {
  if (!manifest.inputs) return [];
  const known = new Set(manifest.inputs.map((input) => path.resolve(cwd, input.path)));
  const folders = new Set([...known].filter((file) => !file.split(path.sep).includes("node_modules")).map((file) => path.dirname(file)));
  const builtAt = Date.parse(manifest.builtAt);
  const added: string[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true, encoding: "utf8" })) {
      const file = path.join(folder, entry.name);
      if (!entry.isFile() || known.has(file) || !SOURCE_EXTENSIONS.has(path.extname(entry.name))) continue;
      if ((statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > builtAt) added.push(file);
    }
  }
  return added.sort();
}

export function sha256Of(contents: Uint8Array): string {
  return nodeCrypto().createHash("sha256").update(contents).digest("hex");
}
