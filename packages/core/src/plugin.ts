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

export interface BundleResult {
  /** Absolute path of the artifact that was written. */
  outFile: string;
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
   * Writes the artifact for `ctx.entry` (atomically) and returns where it is, or null to pass.
   */
  bundle?(ctx: BundleContext): Awaitable<BundleResult | null | undefined>;
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

export const HOOK_NAMES: readonly HookName[] = ["resolveEntry", "bundle"];
