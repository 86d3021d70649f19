import { Cli } from "clipanion";
import { processContext, type ArkorContext } from "./context.js";
import { commandInfo, type CommandInfo } from "./commandLine.js";
import { BuildCommand } from "./commands/BuildCommand.js";
import { DevCommand } from "./commands/DevCommand.js";
import { InitCommand } from "./commands/InitCommand.js";
import { JobsCancelCommand } from "./commands/JobsCancelCommand.js";
import { JobsCommand } from "./commands/JobsCommand.js";
import { JobsLogsCommand } from "./commands/JobsLogsCommand.js";
import { JobsPruneCommand } from "./commands/JobsPruneCommand.js";
import { JobsWaitCommand } from "./commands/JobsWaitCommand.js";
import { ManifestCommand } from "./commands/ManifestCommand.js";
import { StartCommand } from "./commands/StartCommand.js";
import { commandHelp, globalHelp } from "./help.js";
import { colorsEnabled, createColors } from "./reporters/colors.js";
import { explainUsageError, usageErrorLine } from "./usageError.js";

export interface GetCliOptions {
  /** Printed by `arkor --version`. */
  version?: string;
  /** Plugins placed before the config's and the defaults (tests, embedders). */
  plugins?: readonly unknown[];
  /** The bin that runs this CLI (`arkor start --detach` runs it again in the background); default process.argv[1]. */
  bin?: string;
}

export interface ArkorCli {
  /** Runs one command line and resolves to its exit code. */
  run(argv: string[], context?: Partial<Omit<ArkorContext, "plugins" | "bin">>): Promise<number>;
}

const COMMANDS = [InitCommand, BuildCommand, StartCommand, ManifestCommand, JobsCommand, JobsLogsCommand, JobsWaitCommand, JobsCancelCommand, JobsPruneCommand, DevCommand];
export const COMMAND_NAMES = COMMANDS.flatMap((command) => command.paths.map((path) => path.join(" ")));
const BINARY = "arkor";

/**
 * Builds the arkor CLI; the bin only runs it, so tests can build one in-process.
 * clipanion parses; help, `version` and usage errors are ours, so they read as
 * the README does (`--cwd <dir>`) and a usage error is one line on stderr.
 */
export function getCli(options: GetCliOptions = {}): ArkorCli {
  return {
    async run(argv, partialContext = {}) {
      const context = { ...processContext(options.bin ?? process.argv[1]), ...partialContext, plugins: options.plugins ?? [] };
      const stdoutColors = createColors(colorsEnabled(context.stdout, context.env));
      const colorDepth = stdoutColors.enabled ? 8 : 1;
      const parser = (commands: readonly CommandClass[]) => createParser(commands, { version: options.version, colors: stdoutColors.enabled });
      // Help and usage errors describe every command; a command line that names one needs only its parser.
      const commands = (colored = false): CommandInfo[] => parser(COMMANDS).definitions({ colored }).map((definition) => commandInfo(definition, BINARY));
      const usageError = (message: string) => {
        context.stderr.write(usageErrorLine(message, createColors(colorsEnabled(context.stderr, context.env))));
        return 1;
      };

      const request = metaRequest(argv, COMMAND_NAMES);
      if (request?.kind === "version") {
        context.stdout.write(`${options.version ?? "unknown"}\n`);
        return 0;
      }
      if (request?.kind === "help") {
        const described = commands(stdoutColors.enabled);
        const command = described.find((candidate) => candidate.name === request.command);
        context.stdout.write(command ? commandHelp(command, stdoutColors) : globalHelp(described, options.version, stdoutColors));
        return 0;
      }
      if (request?.kind === "error") return usageError(request.message);

      // Commands have one-word paths, so the first word alone picks the command clipanion would pick.
      const named = COMMANDS.filter((command) => command.paths?.some((path) => path[0] === argv[0]));
      const cli = parser(named.length > 0 ? named : COMMANDS);
      let command;
      try {
        command = cli.process({ input: argv, context: { ...context, colorDepth } });
      } catch (error) {
        return usageError(explainUsageError(argv, commands(), parseFailure(() => parser(COMMANDS).process({ input: argv, context: { ...context, colorDepth } }), error)));
      }
      return cli.run(command, { ...context, colorDepth });
    },
  };
}

type CommandClass = (typeof COMMANDS)[number];

/** clipanion's parser of `commands`, as every run builds it. */
function createParser(commands: readonly CommandClass[], options: { version?: string; colors?: boolean } = {}): Cli<ArkorContext> {
  const cli = new Cli<ArkorContext>({ binaryLabel: BINARY, binaryName: BINARY, binaryVersion: options.version, enableColors: options.colors });
  for (const command of commands) cli.register(command);
  return cli;
}

/** The command clipanion makes of `argv`, with every command registered, as a run would parse it. */
export function parseCommandLine(argv: string[]): InstanceType<CommandClass> {
  return createParser(COMMANDS).process({ input: argv, context: processContext(undefined) }) as InstanceType<CommandClass>;
}

/** clipanion's reason for refusing a command line, as the parser of every command gives it. */
function parseFailure(parseWithEveryCommand: () => unknown, firstError: unknown): string {
  let error = firstError;
  try {
    parseWithEveryCommand();
  } catch (fullError) {
    error = fullError;
  }
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

type MetaRequest = { kind: "help"; command?: string } | { kind: "version" } | { kind: "error"; message: string };

/** Help and version, which clipanion would otherwise answer in its own format. */
function metaRequest(argv: string[], commandNames: string[]): MetaRequest | undefined {
  const [first, second] = argv;
  if (first === undefined) return { kind: "help" };
  const asksHelp = (token: string | undefined) => token === "-h" || token === "--help";
  if (first === "help" || asksHelp(first)) {
    // `help` and `version` are described in the global help, so asking about them shows it.
    if (second === undefined || asksHelp(second) || second === "help" || second === "version") return { kind: "help" };
    const command = commandNamed(argv.slice(1), commandNames);
    if (command === undefined) return { kind: "error", message: `Unknown command "${second}". Run arkor --help to see the commands.` };
    const extra = argv[1 + command.split(" ").length];
    if (extra !== undefined && !asksHelp(extra)) return { kind: "error", message: `Unexpected argument "${extra}": arkor ${first} takes one command. Run arkor --help.` };
    return { kind: "help", command };
  }
  if (first === "version" || first === "-v" || first === "--version") {
    if (second === undefined) return { kind: "version" };
    // `arkor version --help`: what it does is in the global help.
    if (asksHelp(second)) return { kind: "help" };
    return { kind: "error", message: `Unexpected argument "${second}": arkor ${first} takes no arguments. Run arkor --help.` };
  }
  const beforeSeparator = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  const command = commandNamed(argv, commandNames);
  if (command !== undefined && beforeSeparator.some(asksHelp)) {
    return { kind: "help", command };
  }
  return undefined;
}

/** The longest command whose words begin `words`: `jobs logs` for `jobs logs x`, `jobs` for `jobs --help`. */
function commandNamed(words: string[], commandNames: string[]): string | undefined {
  let found: string | undefined;
  for (const name of commandNames) {
    const parts = name.split(" ");
    if (parts.every((part, index) => words[index] === part) && parts.length > (found?.split(" ").length ?? 0)) found = name;
  }
  return found;
}
