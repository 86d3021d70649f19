import { Builtins, Cli } from "clipanion";
import type { ArkorContext } from "./context.js";
import { BuildCommand } from "./commands/BuildCommand.js";
import { HelpCommand } from "./commands/HelpCommand.js";
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
  const cli = new Cli<ArkorContext>({ binaryLabel: "arkor", binaryName: "arkor", binaryVersion: options.version });
  cli.register(BuildCommand);
  cli.register(StartCommand);
  cli.register(HelpCommand);
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  return {
    run: (argv, context = {}) => cli.run(argv, { ...Cli.defaultContext, ...context, plugins: options.plugins ?? [] }),
  };
}
