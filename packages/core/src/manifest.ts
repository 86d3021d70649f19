import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import packageJson from "../package.json" with { type: "json" };
import type { TrainerExport } from "./events.js";
import { DEFAULT_OUT_DIR, displayPath } from "./paths.js";

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
  artifact: { path: string; bytes: number; sha256: string };
  /** The config the build used, if any. */
  config: ManifestInput | null;
  /** Every source file in the bundle; null when the bundler did not say (a third-party plugin). */
  inputs: ManifestInput[] | null;
  /** The artifact's export names; null when the bundler did not say. */
  exports: string[] | null;
  /** The export `arkor start` will take the trainer from, by the spec's order; null when unknown or none fits. */
  trainerExport: TrainerExport | null;
}

export interface ManifestFacts {
  cwd: string;
  entry: string;
  outFile: string;
  bundler: string;
  artifact: { bytes: number; sha256: string };
  inputs?: string[];
  exports?: string[];
  configFile?: string;
  /** When the build began: an input modified after it may not be what the bundler read. */
  startedAt: number;
}

/** The manifest of a build, hashing each input (async, in parallel). */
export async function createManifest(facts: ManifestFacts): Promise<BuildManifest> {
  const { cwd } = facts;
  const describe = async (file: string): Promise<ManifestInput> => {
    const [contents, stats] = await Promise.all([readFile(file), stat(file)]);
    // Changed while the bundler ran: record no hash, so every check sees it as changed.
    const sha256 = stats.mtimeMs > facts.startedAt ? "" : sha256Of(contents);
    return { path: displayPath(cwd, file), bytes: stats.size, mtimeMs: stats.mtimeMs, sha256 };
  };
  // An input that is not a file on disk (a plugin's virtual module) cannot be hashed or watched: left out.
  const files = facts.inputs && [...new Set(facts.inputs)].filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile()).sort();
  const inputs = files ? await Promise.all(files.map(describe)) : null;
  const exports = facts.exports ? [...facts.exports].sort() : null;
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    arkorVersion: packageJson.version,
    builtAt: new Date().toISOString(),
    bundler: facts.bundler,
    entry: displayPath(cwd, facts.entry),
    artifact: { path: displayPath(cwd, facts.outFile), ...facts.artifact },
    config: facts.configFile ? await describe(facts.configFile) : null,
    inputs,
    exports,
    trainerExport: exports ? predictTrainerExport(exports) : null,
  };
}

/** The spec's discovery order applied to export names alone (no code runs). */
function predictTrainerExport(exports: readonly string[]): TrainerExport | null {
  return (["arkor", "trainer", "default"] as const).find((name) => exports.includes(name)) ?? null;
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
  const tracked = [...(manifest.inputs ?? []), ...(manifest.config ? [manifest.config] : [])];
  for (const input of tracked) {
    const file = path.resolve(cwd, input.path);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile()) removed.push(file);
    else if (stats.size !== input.bytes) changed.push(file);
    else if (stats.mtimeMs !== input.mtimeMs && sha256Of(readFileSync(file)) !== input.sha256) changed.push(file);
    else if (input.sha256 === "") changed.push(file);
  }
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
  return createHash("sha256").update(contents).digest("hex");
}
