import { createInterface } from "node:readline/promises";
import { ScaffoldError } from "./scaffoldError.js";

/** Asks the user what the command line did not say. */
export interface Prompter {
  /** A line of text; an empty answer takes `fallback`. */
  ask(question: string, fallback: string): Promise<string>;
  /** One of `choices` (name → what it is), by number or name; an empty answer takes `fallback`. */
  choose(question: string, choices: Record<string, string>, fallback: string): Promise<string>;
}

/** Whether to ask at all: only when a person is at a terminal on both ends, never piped or in CI. */
export function canPrompt(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  const isTerminal = (stream: unknown) => (stream as { isTTY?: boolean }).isTTY === true;
  return isTerminal(stdin) && isTerminal(stdout) && !env.CI;
}

/** A prompter on a terminal, with node:readline. Ctrl-C or Ctrl-D stops the command with nothing written. */
export function terminalPrompter(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Prompter {
  const question = async (text: string): Promise<string> => {
    const readline = createInterface({ input: stdin, output: stdout });
    const stop = new AbortController();
    readline.on("SIGINT", () => stop.abort());
    readline.on("close", () => stop.abort());
    try {
      return (await readline.question(text, { signal: stop.signal })).trim();
    } catch {
      stdout.write("\n");
      throw new ScaffoldError("CANCELLED", "Cancelled; nothing was written.");
    } finally {
      readline.removeAllListeners("close");
      readline.close();
    }
  };
  return {
    async ask(text, fallback) {
      return (await question(`${text} (${fallback}): `)) || fallback;
    },
    async choose(text, choices, fallback) {
      const names = Object.keys(choices);
      const width = Math.max(...names.map((name) => name.length));
      stdout.write(`${text}:\n${names.map((name, index) => `  ${index + 1}. ${name.padEnd(width)}  ${choices[name]}`).join("\n")}\n`);
      for (;;) {
        const answer = (await question(`${text} (${fallback}): `)) || fallback;
        const picked = names[Number(answer) - 1] ?? names.find((name) => name === answer);
        if (picked) return picked;
        stdout.write(`Answer with a number from 1 to ${names.length} or a name.\n`);
      }
    },
  };
}
