import type { BuildOptions, BuildOutput, WatchOptions } from "@arkor/core";

// Build and watch load the rest of @arkor/core when first called, not with `arkor`:
// every trainer's artifact imports `arkor`, and none of them builds.

/**
 * Resolve, bundle, then write the artifact, its map and the manifest
 * together: the whole of `arkor build`, over whatever plugins are given.
 * Emits `build.start` and `build.end` (also when it fails).
 */
export async function build(options: BuildOptions): Promise<BuildOutput> {
  const core = await import("@arkor/core");
  return core.build(options);
}

/**
 * `arkor build --watch`: builds, then rebuilds on every change to an input,
 * each through the same atomic commit as a one-off build. A failed build is
 * reported and watching goes on; the last good artifact stays.
 */
export async function watch(options: WatchOptions): Promise<void> {
  const core = await import("@arkor/core");
  return core.watch(options);
}
