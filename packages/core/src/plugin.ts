import type { BuildMessage } from "./events.js";

export type Awaitable<T> = T | Promise<T>;

export interface ResolveEntryContext {
  /** Absolute path of the project root. */
  cwd: string;
  /** The entry as the user typed it (relative to `cwd`, or absolute), when they typed one. */
  entry?: string;
}

export interface BundleContext {
  /** Absolute path of the project root. */
  cwd: string;
  /** Absolute path of the source entry, as resolved by `resolveEntry`. */
  entry: string;
  /** Absolute path of the output folder (`.arkor/build`). */
  outDir: string;
  /** Absolute path the artifact is expected at (`.arkor/build/index.mjs`). */
  outFile: string;
  /** Aborted when the build should stop (the user pressed Ctrl-C). */
  signal?: AbortSignal;
}

/** A file a bundler made, for arkor to write. */
export interface OutputFile {
  /** Absolute path. */
  path: string;
  contents: Uint8Array;
}

export interface BundleResult {
  /** Absolute path of the artifact. */
  outFile: string;
  /**
   * The files to write (the artifact and its source map). When given, arkor
   * writes them atomically together with the manifest, and only if the build
   * was not cancelled; when absent, the plugin has written `outFile` itself.
   */
  outputFiles?: OutputFile[];
  /** Absolute paths of the source files the artifact was made from. Unknown when absent. */
  inputs?: string[];
  /** The artifact's export names. Unknown when absent. */
  exports?: string[];
  /** The bundler's warnings, shown beside the result. */
  warnings?: BuildMessage[];
}

export interface WatchContext extends BundleContext {
  /**
   * Absolute paths of the files the last good build read (from its manifest;
   * empty when there is none). Watch them until a build of this session
   * succeeds: a first build that fails reports no inputs, yet the fix may be in any of them.
   */
  lastInputs: readonly string[];
  /** Call when a rebuild begins, with the changed files when known. */
  onStart(changed?: string[]): void;
  /**
   * Call with each build's result, or with what it failed with. arkor writes,
   * records and reports it. `watched`: how many files the hook now watches (for `watch.ready`).
   */
  onEnd(outcome: { result: BundleResult } | { error: unknown }, watched?: number): Promise<void>;
}

export interface Watcher {
  /** Stops watching and releases the bundler's resources. */
  close(): Awaitable<void>;
}

export interface ArkorPlugin {
  /** Shown in every error the plugin causes. Our own plugins' names start with `arkor:`. */
  name: string;
  /**
   * Kind: first. Plugins run in order and the first non-nullish answer wins.
   * Returns the absolute (or cwd-relative) path of the source entry, or null to pass.
   */
  resolveEntry?(ctx: ResolveEntryContext): Awaitable<string | null | undefined>;
  /**
   * Kind: first. Plugins run in order and the first non-nullish answer wins.
   * Bundles `ctx.entry`: returns the output files for arkor to write, or writes `outFile` itself (atomically); null to pass.
   */
  bundle?(ctx: BundleContext): Awaitable<BundleResult | null | undefined>;
  /**
   * Kind: owned by the plugin that answered `bundle`, never asked of another.
   * Builds, then rebuilds on every change to an input, reporting each build through `ctx.onEnd`.
   * Without it, `arkor build --watch` re-runs `bundle` when the inputs it reported change.
   */
  watch?(ctx: WatchContext): Awaitable<Watcher | null | undefined>;
}

export interface HookContexts {
  resolveEntry: ResolveEntryContext;
  bundle: BundleContext;
}

export interface HookResults {
  resolveEntry: string;
  bundle: BundleResult;
}

export type HookName = keyof HookContexts;

/** The hooks a plugin may have; `watch` is called only on the plugin that answered `bundle`. */
export const HOOK_NAMES: readonly (HookName | "watch")[] = ["resolveEntry", "bundle", "watch"];
