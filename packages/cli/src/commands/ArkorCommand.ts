import path from "node:path";
import { captureOutput, errorEvent, exitCodeOfError } from "@arkor/core";
import { Command, Option } from "clipanion";
import { createCommandOutput, type CommandOutput } from "../commandOutput.js";
import type { ArkorContext } from "../context.js";
import { projectRoot } from "../projectRoot.js";

/** Shared flags, the reporter, and error reporting for arkor's commands: everything a command prints is an event. */
export abstract class ArkorCommand extends Command<ArkorContext> {
  cwd = Option.String("--cwd", {
    description: "Run against the project in this folder instead of the current one; a relative entry is then relative to it",
  });

  json = Option.Boolean("--json", false, {
    description: "Print only NDJSON events on stdout, one per line (arkor's docs/events.md); the trainer's output becomes log events",
  });

  silent = Option.Boolean("-q,--silent", false, {
    description: "Print only errors (and the trainer's own output)",
  });

  /** Whether `{"type":"cancel"}` lines on stdin cancel, in `--json` mode. */
  protected cancelOnStdin(): boolean {
    return false;
  }

  /** Whether the end of a piped stdin stops the command, in `--json` mode (the host is gone). */
  protected stopOnStdinEnd(): boolean {
    return false;
  }

  /** Runs the command; every line it prints goes through `output.emitter`. Resolves to the exit code. */
  abstract run(output: CommandOutput): Promise<number>;

  async execute(): Promise<number> {
    const output = createCommandOutput(this.context, {
      cwd: path.resolve(this.cwd ?? "."),
      json: this.json,
      silent: this.silent,
      cancelOnStdin: this.cancelOnStdin(),
      stopOnStdinEnd: this.stopOnStdinEnd(),
    });
    // Whatever the process prints (a plugin's or the trainer's console.log) becomes a log event, rendered in turn.
    const restoreOutput = captureOutput(output.emitter);
    try {
      const exitCode = await this.run(output);
      output.emitter.emit({ type: "end", exitCode });
      return exitCode;
    } catch (error) {
      // The API calls emit their own error and end; this covers what fails before or around them.
      output.emitter.emit(errorEvent(error, this.context.env.ARKOR_DEBUG === "1"));
      const exitCode = exitCodeOfError(error);
      output.emitter.emit({ type: "end", exitCode });
      return exitCode;
    } finally {
      restoreOutput();
      output.close();
    }
  }

  /** The absolute project root: `--cwd` when given, else the current folder. */
  projectRoot(): string {
    return projectRoot(this.cwd);
  }
}
