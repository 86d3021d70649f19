import { Builtins, Cli } from "clipanion";
import type { ArkorContext } from "./context.js";
import { BuildCommand } from "./commands/BuildCommand.js";
import { DevCommand } from "./commands/DevCommand.js";
import { ManifestCommand } from "./commands/ManifestCommand.js";
import { StartCommand } from "./commands/StartCommand.js";

export interface GetCliOptions {
  /** Printed by `arkor --version`. */
  version?: string;
  /** Plugins placed before the config's and the defaults (tests, embedders). */
  plugins?: readonly unknown[];
}

export interface ArkorCli {
  /** Runs one command line and resolves to its exit code. */
  run(argv: string[], context?: Partial<Omit<ArkorContext, "plugins">>): Promise<number>;
}

/** Builds the arkor CLI; the bin only runs it, so tests can build one in-process. */
export function getCli(options: GetCliOptions = {}): ArkorCli {
  return {
    run(argv, partialContext = {}) {
      const context = { ...Cli.defaultContext, ...partialContext, plugins: options.plugins ?? [] };
      const colorDepth = colorDepthOf(context.stdout, context.env);
      const cli = new Cli<ArkorContext>({
        binaryLabel: "arkor",
        binaryName: "arkor",
        binaryVersion: options.version,
        enableColors: colorDepth > 1,
      });
      for (const command of [BuildCommand, StartCommand, ManifestCommand, DevCommand, Builtins.HelpCommand, Builtins.VersionCommand]) cli.register(command);
      const fullContext = { ...context, colorDepth };
      // clipanion prints usage errors to stdout; ours go to stderr, where a script looks for them.
      let command;
      try {
        command = cli.process({ input: argv, context: fullContext });
      } catch (error) {
        context.stderr.write(cli.error(error, { colored: colorDepth > 1 }));
        return Promise.resolve(1);
      }
      return cli.run(command, fullContext);
    },
  };
}

/** Colours only on a terminal, and never with NO_COLOR: piped output (CI, the Studio) stays plain. */
function colorDepthOf(stdout: NodeJS.WritableStream, env: NodeJS.ProcessEnv): number {
  const tty = stdout as Partial<NodeJS.WriteStream>;
  if (env.NO_COLOR || !tty.isTTY || typeof tty.getColorDepth !== "function") return 1;
  return tty.getColorDepth(env);
}
