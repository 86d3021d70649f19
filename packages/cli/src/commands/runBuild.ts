import { build, raceAbort, withCancellation } from "@arkor/core";
import type { CommandOutput } from "../commandOutput.js";
import type { ArkorContext } from "../context.js";
import { loadPlugins } from "../loadPlugins.js";
import { projectRoot } from "../projectRoot.js";
import type { CommonFlags, StdinUse } from "../runArkorCommand.js";

/** `arkor build`'s flags as parsed (BuildCommand declares them for clipanion). */
export interface BuildFlags extends CommonFlags {
  entry?: string;
  watch: boolean;
}

/**
 * A `--json` watch takes `{"type":"cancel"}` lines on stdin, and stops when a
 * piped stdin ends: a host such as `arkor dev` that dies without a word
 * (SIGKILL) must not leave the watcher behind.
 */
export function buildStdin(flags: BuildFlags): StdinUse {
  return { cancelOnStdin: flags.watch, stopOnStdinEnd: flags.watch };
}

/** What `arkor build` does once its command line is parsed. */
export async function runBuild(flags: BuildFlags, context: ArkorContext, output: CommandOutput): Promise<number> {
  const cwd = projectRoot(flags.cwd);
  const { emitter } = output;
  if (flags.watch) {
    const { watchProject } = await import("../watchProject.js");
    return watchProject({ cwd, entry: flags.entry, extraPlugins: context.plugins, emitter, signal: output.signal, onForcedExit: output.onForcedExit });
  }
  // Ctrl-C, while the config loads or during the build, stops with 130 and leaves the previous artifact as it was.
  await withCancellation({ handleSignals: true, signal: output.signal, onForcedExit: output.onForcedExit }, async (signal) => {
    const plugins = await raceAbort(loadPlugins(cwd, context.plugins), signal);
    const { findConfigFile } = await import("../loadConfig.js");
    return build({ cwd, entry: flags.entry, plugins, signal, emitter, configFile: findConfigFile(cwd) });
  });
  return 0;
}
