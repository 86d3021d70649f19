import type { TrainerExport } from "./events.js";

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
