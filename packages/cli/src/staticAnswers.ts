import { BuildCommand } from "./commands/BuildCommand.js";
import { StartCommand } from "./commands/StartCommand.js";
import { COMMAND_NAMES, getCli, parseCommandLine } from "./getCli.js";
import type { PreparsedLine } from "./preparsed.js";

/**
 * The command lines whose answer never depends on the project or the
 * machine: help and version. The `arkor` bin is built with their answers
 * rendered in advance (packages/arkor/tsup.bin.config.ts), so `arkor --help` costs
 * what `arkor --version` does instead of loading the command line framework.
 * clipanion still decides what they print: the answers are its output, taken
 * at build time and checked against it by the tests.
 */
export interface StaticAnswers {
  /** Each distinct text once. */
  texts: string[];
  /** The command line as JSON (`["build","--help"]`, so `"build --help"` as one argument is another line) → the text for a plain and for a coloured stdout. */
  answers: Record<string, [plain: number, colored: number]>;
  /** The command lines the bin runs without clipanion (preparsed.ts), as JSON → their parse. */
  preparsed: Record<string, PreparsedLine>;
}

/** The most common command lines whose parse is only their words: the bin runs them from their parse. */
export const PREPARSED_COMMAND_LINES = [["start"], ["start", "--json"], ["build"], ["build", "--json"]];

/** What clipanion makes of each preparsed command line. */
export function preparsedCommandLines(): Record<string, PreparsedLine> {
  const lines: Record<string, PreparsedLine> = {};
  for (const argv of PREPARSED_COMMAND_LINES) {
    const command = parseCommandLine(argv);
    if (command instanceof StartCommand) lines[JSON.stringify(argv)] = { command: "start", flags: command.flags() };
    else if (command instanceof BuildCommand) lines[JSON.stringify(argv)] = { command: "build", flags: command.flags() };
    else throw new Error(`arkor ${argv.join(" ")} is not a start or a build: it cannot be preparsed`);
  }
  return lines;
}

/** Every spelling of help and version, for the whole CLI and for each command. */
export function staticCommandLines(): string[][] {
  const global = [[], ["--help"], ["-h"], ["help"], ["--version"], ["-v"], ["version"]];
  const perCommand = COMMAND_NAMES.map((name) => name.split(" ")).flatMap((words) => [["help", ...words], [...words, "--help"], [...words, "-h"]]);
  return [...global, ...perCommand];
}

/** What the CLI prints on stdout for each static command line, plain and coloured. */
export async function renderStaticAnswers(version: string): Promise<StaticAnswers> {
  const texts: string[] = [];
  const indexOf = (text: string) => (texts.includes(text) ? texts.indexOf(text) : texts.push(text) - 1);
  const answers: StaticAnswers["answers"] = {};
  for (const argv of staticCommandLines()) {
    const plain = await renderStdout(version, argv, "0");
    const colored = await renderStdout(version, argv, "1");
    answers[JSON.stringify(argv)] = [indexOf(plain), indexOf(colored)];
  }
  return { texts, answers, preparsed: preparsedCommandLines() };
}

async function renderStdout(version: string, argv: string[], forceColor: "0" | "1"): Promise<string> {
  let stdout = "";
  const stream = (write: (text: string) => void) => ({ write: (text: string) => (write(text), true), isTTY: false }) as unknown as NodeJS.WriteStream;
  const code = await getCli({ version }).run(argv, {
    stdout: stream((text) => (stdout += text)),
    stderr: stream((text) => {
      throw new Error(`arkor ${argv.join(" ")} wrote to stderr while rendering its static answer: ${text}`);
    }),
    env: { FORCE_COLOR: forceColor },
  });
  if (code !== 0) throw new Error(`arkor ${argv.join(" ")} exited ${code} while rendering its static answer`);
  return stdout;
}
