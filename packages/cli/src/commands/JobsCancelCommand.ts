import { Command, Option } from "clipanion";
import { cancelTimeoutMs } from "../cancelTimeout.js";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class JobsCancelCommand extends ArkorCommand {
  static paths = [["jobs", "cancel"]];

  static usage = Command.Usage({
    description: "Stop a running job, through its backend, whoever started it",
    details: `
      When an arkor process still follows the job (an \`arkor start\` in another terminal, or the background process of \`--detach\`), it is sent SIGTERM and cancels the job as Ctrl-C would: the job is asked to stop, then forced after the cancel timeout. When none does (it was killed), the job's backend stops it directly: SIGTERM then SIGKILL to a local job's process group, \`scancel\` for a Slurm job.

      Prints how the job ended and exits 0 once it has; a job that already ended is left as it was.
    `,
    examples: [
      ["Stop a job", "$0 jobs cancel 20261206-100206-k3x9"],
      ["Stop the newest job, giving it 30 s to save a checkpoint", "$0 jobs cancel latest --cancel-timeout 30"],
    ],
  });

  id = Option.String({ required: true, name: "id" });

  cancelTimeout = Option.String("--cancel-timeout", {
    description: "Seconds the job has to stop after SIGTERM before it is forced (default 10; an arkor process that follows the job uses its own)",
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const timeoutMs = cancelTimeoutMs(this.cancelTimeout, this.context.env.ARKOR_CANCEL_TIMEOUT);
    const { cancelJob } = await import("@arkor/jobs");
    await cancelJob({ cwd, id: this.id, emitter: output.emitter, loadBackend: await backendLoader(cwd), timeoutMs });
    return 0;
  }
}
