import type { BackendLoader } from "@arkor/jobs";

/**
 * Loads the backend a job's record names, to ask it about the job or stop it:
 * a built-in one needs nothing from the project, one of the config's
 * `backends` needs the config (loaded then, once).
 */
export async function backendLoader(cwd: string): Promise<BackendLoader> {
  const { BUILTIN_BACKENDS, loadBackend } = await import("@arkor/runner");
  let config: Promise<import("./loadConfig.js").LoadedConfig | undefined> | undefined;
  return async (name) => {
    if ((BUILTIN_BACKENDS as readonly string[]).includes(name)) return loadBackend(name);
    config ??= import("./configFile.js").then(({ hasConfigFile }) => (hasConfigFile(cwd) ? import("./loadConfig.js").then((module) => module.loadConfig(cwd)) : undefined));
    return loadBackend(name, (await config)?.jobs);
  };
}
