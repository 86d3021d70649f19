/**
 * The plugins a build of the project at `cwd` runs, in order: `extraPlugins`
 * (those given to getCli), the project's arkor.config.*, then the default
 * resolver and bundler. Loaded lazily, so a command that reuses an artifact
 * never loads esbuild or the config. For programs: `startProject({ cwd, plugins: () => loadPlugins(cwd) })`.
 */
export async function loadPlugins(cwd: string, extraPlugins: readonly unknown[] = []): Promise<unknown[]> {
  const [{ loadConfig }, { defaultResolver }, { esbuildBundler }] = await Promise.all([
    import("./loadConfig.js"),
    import("@arkor/resolver"),
    import("@arkor/bundler"),
  ]);
  const config = await loadConfig(cwd);
  return [...extraPlugins, ...(config?.plugins ?? []), defaultResolver(), esbuildBundler()];
}
