/**
 * The plugins a build of the project at `cwd` runs, in order: `extraPlugins`
 * (those given to getCli), the project's arkor.config.*, then the default
 * resolver and bundler. Loaded lazily, so a command that reuses an artifact
 * never loads esbuild or the config. For programs: `startProject({ cwd, plugins: () => loadPlugins(cwd) })`.
 */
export async function loadPlugins(
  cwd: string,
  extraPlugins: readonly unknown[] = [],
  /** The config, when the caller has loaded it already (arkor start needs it for the backend too). */
  loaded?: Promise<import("./loadConfig.js").LoadedConfig | undefined>,
): Promise<unknown[]> {
  const [{ loadConfig }, { defaultResolver }, { esbuildBundler }] = await Promise.all([
    import("./loadConfig.js"),
    import("@arkor/resolver"),
    import("@arkor/bundler"),
  ]);
  const config = await (loaded ?? loadConfig(cwd));
  return [...extraPlugins, ...(config?.plugins ?? []), defaultResolver(), esbuildBundler()];
}
