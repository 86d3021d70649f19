import { exitCodeForAbort, isLiveStatus, withCancellation } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { backendLoader } from "../jobBackends.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class JobsLogsCommand extends ArkorCommand {
  static paths = [["jobs", "logs"]];

  static usage = Command.Usage({
    description: "Print a job's output (stdout and stderr)",
    details: `
      Prints what the job wrote on stdout and on stderr, each to the same stream here, from the job's folder in the store. With \`--follow\` it goes on printing as the job writes, until the job ends.

      \`id\` is a job's id as \`arkor jobs\` lists it, or \`latest\` for the newest job.
    `,
    examples: [
      ["Print a job's output", "$0 jobs logs 20261206-100206-k3x9"],
      ["Follow the newest job's output until it ends", "$0 jobs logs latest --follow"],
    ],
  });

  id = Option.String({ required: true, name: "id" });

  follow = Option.Boolean("-f,--follow", false, {
    description: "Go on printing as the job writes, until it ends",
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const { findRecord, followRecord, untilEnded, warnOnce } = await import("@arkor/jobs");
    const record = findRecord(cwd, this.id);
    // Only the output: the job's progress is for `arkor jobs wait`.
    const logsOnly = { ...output.emitter, emit: (body: Parameters<typeof output.emitter.emit>[0]) => void (body.type === "log" && output.emitter.emit(body)) };
    const following = followRecord({ cwd, record, emitter: logsOnly });
    let interrupted: number | undefined;
    if (this.follow && isLiveStatus(record.status)) {
      const loadBackend = await backendLoader(cwd);
      // Ctrl-C stops following; the job goes on.
      interrupted = await withCancellation({ handleSignals: true, signal: output.signal, onForcedExit: output.onForcedExit }, async (signal) => {
        await untilEnded(cwd, record.id, loadBackend, { signal, onWarning: warnOnce(output.emitter, "BACKEND_UNAVAILABLE") });
        return signal.aborted ? exitCodeForAbort(signal.reason) : undefined;
      });
    }
    await following.stop();
    return interrupted ?? 0;
  }
}
