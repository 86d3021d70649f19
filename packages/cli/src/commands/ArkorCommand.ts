import { Command, Option } from "clipanion";
import type { ArkorContext } from "../context.js";
import { projectRoot } from "../projectRoot.js";
import { reportError } from "../reportError.js";

/** Shared flags and error reporting for arkor's commands. */
export abstract class ArkorCommand extends Command<ArkorContext> {
  cwd = Option.String("--cwd", {
    description: "Run against the project in this folder instead of the current one; a relative entry is then relative to it",
  });

  abstract run(): Promise<number>;

  async execute(): Promise<number> {
    try {
      return await this.run();
    } catch (error) {
      return reportError(error, this.context.stderr, this.context.env);
    }
  }

  /** The absolute project root: `--cwd` when given, else the current folder. */
  projectRoot(): string {
    return projectRoot(this.cwd);
  }
}
