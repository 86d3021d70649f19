import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import type { ArkorContext } from "../context.js";
import { projectRoot } from "../projectRoot.js";
import { runArkorCommand, type CommonFlags } from "../runArkorCommand.js";

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

  execute(): Promise<number> {
    return runArkorCommand(this.context, this.commonFlags(), { cancelOnStdin: this.cancelOnStdin(), stopOnStdinEnd: this.stopOnStdinEnd() }, (output) => this.run(output));
  }

  /** `--cwd`, `--json` and `-q` as parsed. */
  commonFlags(): CommonFlags {
    return { cwd: this.cwd, json: this.json, silent: this.silent };
  }

  /** The absolute project root: `--cwd` when given, else the current folder. */
  projectRoot(): string {
    return projectRoot(this.cwd);
  }
}
