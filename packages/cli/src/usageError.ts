import { didYouMean } from "@arkor/core";
import type { CommandInfo, OptionInfo } from "./commandLine.js";
import type { Colors } from "./reporters/colors.js";

/** Words that are not commands of their own but are understood anyway. */
const META_COMMANDS = ["help", "version"];
const HELP_FLAGS = ["-h", "--help"];

/**
 * One line that says what is wrong with a command line clipanion refused, and
 * where to look: `Unknown option --frobnicate. Run arkor build --help.`
 * `fallback` is clipanion's own reason, for a case this does not recognise.
 */
export function explainUsageError(argv: string[], commands: CommandInfo[], fallback: string): string {
  const [first] = argv;
  // The longest command the first words name: `jobs logs x` is `jobs logs`, `jobs --json` is `jobs`.
  const command = commands
    .filter((candidate) => candidate.name.split(" ").every((word, index) => argv[index] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const rest = command ? argv.slice(command.name.split(" ").length) : argv.slice(1);
  if (!command) {
    if (first === undefined || first.startsWith("-")) {
      return first === undefined ? `${fallback} Run arkor --help.` : `Unknown option ${first}. Run arkor --help.`;
    }
    const suggestion = didYouMean(first, [...commands.map((candidate) => candidate.name), ...META_COMMANDS]);
    const hint = suggestion ? ` Did you mean arkor ${suggestion}?` : "";
    return `Unknown command "${first}".${hint} Run arkor --help to see the commands.`;
  }
  const help = `Run arkor ${command.name} --help.`;
  const positionals: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index]!;
    if (token === "--") {
      positionals.push(...rest.slice(index + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-") {
      positionals.push(token);
      continue;
    }
    const [name, bound] = splitBinding(token);
    const option = findOption(command, name);
    if (!option) {
      const known = command.options.flatMap((candidate) => candidate.names).concat(HELP_FLAGS);
      const suggestion = name.startsWith("--") ? didYouMean(name, known) : undefined;
      return `Unknown option ${name}.${suggestion ? ` Did you mean ${suggestion}?` : ""} ${help}`;
    }
    if (!option.value) {
      if (bound !== undefined) return `Option ${name} takes no value. ${help}`;
      continue;
    }
    if (bound !== undefined) continue;
    const value = rest[index + 1];
    if (value === undefined) return `Option ${name} needs a value, as in ${name} ${option.value}. ${help}`;
    // clipanion reads `--keep -1` as two options: a value that starts with - must be bound with =.
    if (value.startsWith("-") && value !== "-") return `Option ${name} needs a value; one that starts with - is written ${name}=${value}. ${help}`;
    index++;
  }
  const allowed = command.positionals.includes("...") ? Infinity : command.positionals.length;
  if (positionals.length > allowed) {
    return `Unexpected argument "${positionals[allowed]}": arkor ${command.name} takes ${takes(command.positionals)}. ${help}`;
  }
  const required = command.positionals.filter((positional) => positional.startsWith("<"));
  if (positionals.length < required.length) {
    const missing = required[positionals.length]!.slice(1, -1);
    return `arkor ${command.name} needs ${missing === "id" ? "a job's id (as arkor jobs lists it, or latest)" : `a ${missing}`}. ${help}`;
  }
  return `${fallback} ${help}`;
}

function splitBinding(token: string): [name: string, value: string | undefined] {
  const equals = token.indexOf("=");
  return equals === -1 ? [token, undefined] : [token.slice(0, equals), token.slice(equals + 1)];
}

function findOption(command: CommandInfo, name: string): OptionInfo | { value?: undefined } | undefined {
  if (HELP_FLAGS.includes(name)) return {};
  const direct = command.options.find((option) => option.names.includes(name));
  if (direct) return direct;
  // clipanion accepts --no-<flag> for every flag.
  const negated = name.startsWith("--no-") ? command.options.find((option) => !option.value && option.names.includes(`--${name.slice(5)}`)) : undefined;
  return negated;
}

/** `one entry`, `no arguments`, `2 arguments`. */
function takes(positionals: string[]): string {
  if (positionals.length === 0) return "no arguments";
  if (positionals.length === 1) return `one ${positionals[0]!.replace(/^[[<]|[\]>]$/g, "")}`;
  return `${positionals.length} arguments: ${positionals.join(" ")}`;
}

/** `error: …` as the text reporter prints arkor's own errors. */
export function usageErrorLine(message: string, colors: Colors): string {
  return `${colors.red("error:")} ${message}\n`;
}
