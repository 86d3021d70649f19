import path from "node:path";
import { SIGNAL_EXIT_CODES, exitCodeForAbort, watch, withCancellation, type CancelSignal, type Emitter } from "@arkor/core";
import { CONFIG_FILE_NAMES, findConfigFile } from "./loadConfig.js";
import { loadPlugins } from "./loadPlugins.js";

export interface WatchProjectOptions {
  cwd: string;
  entry?: string;
  extraPlugins?: readonly unknown[];
  emitter: Emitter;
  signal?: AbortSignal;
  onForcedExit?: (signal: CancelSignal) => void;
}

/**
 * `arkor build --watch` with the project's config: reloaded, and watching
 * restarted, when an arkor.config.* changes. Runs until a signal (or the
 * host) stops it; resolves to the exit code that stop calls for.
 */
export async function watchProject(options: WatchProjectOptions): Promise<number> {
  const { cwd } = options;
  let stoppedBy: unknown;
  await withCancellation({ handleSignals: true, signal: options.signal, onForcedExit: options.onForcedExit }, async (signal) => {
    await watch({
      cwd,
      entry: options.entry,
      plugins: () => loadPlugins(cwd, options.extraPlugins),
      configFile: () => findConfigFile(cwd),
      restartOn: CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)),
      emitter: options.emitter,
      signal,
    });
    stoppedBy = signal.reason;
  });
  return stoppedBy === undefined ? SIGNAL_EXIT_CODES.SIGINT : exitCodeForAbort(stoppedBy);
}
