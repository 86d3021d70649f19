import { Command } from "clipanion";
import type { ArkorContext } from "../context.js";

/** `arkor` with no command: print the overview and exit 1, since nothing ran. */
export class HelpCommand extends Command<ArkorContext> {
  static paths = [Command.Default];

  async execute(): Promise<number> {
    this.context.stderr.write(this.cli.usage(null));
    return 1;
  }
}
