import { invalidOption } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class JobsPruneCommand extends ArkorCommand {
  static paths = [["jobs", "prune"]];

  static usage = Command.Usage({
    description: "Remove old ended jobs from the job store",
    details: `
      Removes the folders of ended jobs (completed, failed, cancelled, timed out, lost) but the newest \`--keep\` (default 20). A job that may still be running is never removed.

      \`arkor start\` also keeps the store under 100 ended jobs by itself: at the cap it removes the oldest tenth as it records a new one; \`ARKOR_JOBS_KEEP\` changes that number.
    `,
    examples: [
      ["Keep the 20 newest ended jobs", "$0 jobs prune"],
      ["Remove every ended job", "$0 jobs prune --keep 0"],
    ],
  });

  keep = Option.String("--keep", {
    description: "How many ended jobs to keep, newest first (default 20)",
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { PRUNE_KEEP, pruneStore } = await import("@arkor/jobs");
    const keep = this.keep === undefined ? PRUNE_KEEP : Number(this.keep);
    if (!Number.isInteger(keep) || keep < 0 || this.keep?.trim() === "") throw invalidOption(`--keep must be a whole number, 0 or more; got "${this.keep}". Example: --keep 10.`);
    output.emitter.emit({ type: "jobs.pruned", ...pruneStore(cwd, keep) });
    return 0;
  }
}
