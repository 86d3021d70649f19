import { Command, Option } from "clipanion";
import { cancelTimeoutMs } from "../cancelTimeout.js";
import type { CommandOutput } from "../commandOutput.js";
import { loadPlugins } from "../loadPlugins.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class StartCommand extends ArkorCommand {
  static paths = [["start"]];

  static usage = Command.Usage({
    description: "Run the trainer: start() then wait()",
    details: `
      Imports \`.arkor/build/index.mjs\`, finds the trainer (export \`arkor\`, then \`trainer\`, then the default export), calls \`start()\` and then \`wait()\`.

      With an entry argument it rebuilds from that entry first. Without one it reuses the existing artifact as it is, or builds the default entry when there is none yet. A reused artifact is checked against its manifest: a damaged one is refused, and one older than its sources runs with a warning.

      Exits 0 when the job completed and 1 when it failed or was cancelled. Ctrl-C (SIGINT) or SIGTERM cancels the job and exits 130 or 143; a second signal exits at once. With \`--json\`, a \`{"type":"cancel"}\` line on stdin cancels like SIGTERM.
    `,
    examples: [
      ["Run the existing build (or build first if there is none)", "$0 start"],
      ["Rebuild from another entry, then run", "$0 start src/arkor/experiment.ts"],
      ["Run a project in another folder, as NDJSON events", "$0 start --cwd apps/trainer --json"],
    ],
  });

  entry = Option.String({ required: false, name: "entry" });

  cancelTimeout = Option.String("--cancel-timeout", {
    description: "Seconds to wait for the job to stop after a cancel (default 10)",
  });

  protected override cancelOnStdin(): boolean {
    return true;
  }

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    // Loaded here: only start runs trainers, so build and --help never load the runner.
    const { startProject } = await import("@arkor/runner");
    const outcome = await startProject({
      cwd,
      entry: this.entry,
      plugins: () => loadPlugins(cwd, this.context.plugins),
      configFile: async () => (await import("../loadConfig.js")).findConfigFile(cwd),
      handleSignals: true,
      signal: output.signal,
      onForcedExit: output.onForcedExit,
      cancelTimeoutMs: cancelTimeoutMs(this.cancelTimeout, this.context.env.ARKOR_CANCEL_TIMEOUT),
      emitter: output.emitter,
    });
    return outcome.exitCode;
  }
}
