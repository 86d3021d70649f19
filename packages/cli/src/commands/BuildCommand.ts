import { build, raceAbort, withCancellation } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { loadPlugins } from "../loadPlugins.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class BuildCommand extends ArkorCommand {
  static paths = [["build"]];

  static usage = Command.Usage({
    description: "Bundle the trainer into .arkor/build/index.mjs",
    details: `
      Bundles the entry (default \`src/arkor/index.ts\`) with esbuild into one ESM file for Node 22.6, \`.arkor/build/index.mjs\`, and records what went into it in \`.arkor/build/manifest.json\`. Relative imports are inlined; bare imports such as \`arkor\` and anything in node_modules stay imports, resolved from the project's node_modules at run time.

      The artifact, its source map and the manifest are replaced together, atomically: a failed or cancelled build leaves the previous ones as they were. Plugins from \`arkor.config.ts\` run before the defaults.

      With \`--watch\` it rebuilds on every change to an input (and reloads the config when it changes) until Ctrl-C; with \`--json\`, also until a piped stdin is closed (the host is gone).
    `,
    examples: [
      ["Build the default entry", "$0 build"],
      ["Build another entry", "$0 build src/arkor/experiment.ts"],
      ["Rebuild on every save", "$0 build --watch"],
      ["Build a project in another folder, as NDJSON events", "$0 build --cwd apps/trainer --json"],
    ],
  });

  entry = Option.String({ required: false, name: "entry" });

  watch = Option.Boolean("-w,--watch", false, {
    description: "Rebuild on every change to an input until Ctrl-C",
  });

  protected override cancelOnStdin(): boolean {
    return this.watch;
  }

  /** A host such as `arkor dev` that dies without a word (SIGKILL) must not leave the watcher behind. */
  protected override stopOnStdinEnd(): boolean {
    return this.watch;
  }

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { emitter } = output;
    if (this.watch) {
      const { watchProject } = await import("../watchProject.js");
      return watchProject({ cwd, entry: this.entry, extraPlugins: this.context.plugins, emitter, signal: output.signal, onForcedExit: output.onForcedExit });
    }
    // Ctrl-C, while the config loads or during the build, stops with 130 and leaves the previous artifact as it was.
    await withCancellation({ handleSignals: true, signal: output.signal, onForcedExit: output.onForcedExit }, async (signal) => {
      const plugins = await raceAbort(loadPlugins(cwd, this.context.plugins), signal);
      const { findConfigFile } = await import("../loadConfig.js");
      return build({ cwd, entry: this.entry, plugins, signal, emitter, configFile: findConfigFile(cwd) });
    });
    return 0;
  }
}
