import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";
import { buildStdin, runBuild, type BuildFlags } from "./runBuild.js";

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
    return buildStdin(this.flags()).cancelOnStdin;
  }

  protected override stopOnStdinEnd(): boolean {
    return buildStdin(this.flags()).stopOnStdinEnd;
  }

  run(output: CommandOutput): Promise<number> {
    return runBuild(this.flags(), this.context, output);
  }

  /** The command line as parsed: what runBuild takes, and what the bin keeps for the lines it knows (preparsed.ts). */
  flags(): BuildFlags {
    return { ...this.commonFlags(), entry: this.entry, watch: this.watch };
  }
}
