/**
 * The plugins a build runs, in order: those given to getCli, the config's,
 * then the default resolver and bundler. Loaded lazily, so a command that
 * reuses an artifact never loads esbuild or the config.
 */
export async function loadPlugins(cwd: string, extraPlugins: readonly unknown[]): Promise<unknown[]> {
  const [{ loadConfig }, { defaultResolver }, { esbuildBundler }] = await Promise.all([
    import("./loadConfig.js"),
    import("@arkor/resolver"),
    import("@arkor/bundler"),
  ]);
  const config = await loadConfig(cwd);
  return [...extraPlugins, ...(config?.plugins ?? []), defaultResolver(), esbuildBundler()];
}
