import { build, raceAbort, withCancellation } from "@arkor/core";
import { Command, Option } from "clipanion";
import { builtLine } from "../builtLine.js";
import { loadPlugins } from "../loadPlugins.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class BuildCommand extends ArkorCommand {
  static paths = [["build"]];

  static usage = Command.Usage({
    description: "Bundle the trainer into .arkor/build/index.mjs",
    details: `
      Bundles the entry (default \`src/arkor/index.ts\`) with esbuild into one ESM file for Node 22.6, \`.arkor/build/index.mjs\`. Relative imports are inlined; bare imports such as \`arkor\` and anything in node_modules stay imports, resolved from the project's node_modules at run time.

      The artifact is replaced atomically: a failed build leaves the previous one as it was. Plugins from \`arkor.config.ts\` run before the defaults.
    `,
    examples: [
      ["Build the default entry", "$0 build"],
      ["Build another entry", "$0 build src/arkor/experiment.ts"],
      ["Build a project in another folder", "$0 build --cwd apps/trainer"],
    ],
  });

  entry = Option.String({ required: false, name: "entry" });

  async run(): Promise<number> {
    const cwd = this.projectRoot();
    // Ctrl-C, while the config loads or during the build, stops with 130 and leaves the previous artifact as it was.
    const output = await withCancellation({ handleSignals: true }, async (signal) => {
      const plugins = await raceAbort(loadPlugins(cwd, this.context.plugins), signal);
      return build({ cwd, entry: this.entry, plugins, signal });
    });
    this.context.stdout.write(builtLine(cwd, output));
    return 0;
  }
}
