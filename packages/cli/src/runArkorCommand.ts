import path from "node:path";
import { captureOutput, errorEvent, exitCodeOfError } from "@arkor/core";
import { createCommandOutput, type CommandOutput } from "./commandOutput.js";
import type { ArkorContext } from "./context.js";

/** The flags every command takes (ArkorCommand declares them for clipanion). */
export interface CommonFlags {
  cwd?: string;
  json: boolean;
  silent: boolean;
}

/** How a command reads stdin in `--json` mode (see CommandOutputOptions). */
export interface StdinUse {
  cancelOnStdin: boolean;
  stopOnStdinEnd: boolean;
}

/**
 * Runs one command's work with its reporter: everything it prints is an
 * event, and whatever it throws becomes an error event and an exit code.
 * No clipanion here: the bin runs command lines parsed in advance through it
 * (preparsed.ts) as well as the commands clipanion parses now.
 */
export async function runArkorCommand(context: ArkorContext, flags: CommonFlags, stdin: StdinUse, run: (output: CommandOutput) => Promise<number>): Promise<number> {
  const output = createCommandOutput(context, { cwd: path.resolve(flags.cwd ?? "."), json: flags.json, silent: flags.silent, ...stdin });
  // Whatever the process prints (a plugin's or the trainer's console.log) becomes a log event, rendered in turn.
  const restoreOutput = captureOutput(output.emitter);
  try {
    const exitCode = await run(output);
    output.emitter.emit({ type: "end", exitCode });
    return exitCode;
  } catch (error) {
    // The API calls emit their own error and end; this covers what fails before or around them.
    output.emitter.emit(errorEvent(error, context.env.ARKOR_DEBUG === "1"));
    const exitCode = exitCodeOfError(error);
    output.emitter.emit({ type: "end", exitCode });
    return exitCode;
  } finally {
    restoreOutput();
    output.close();
  }
}
