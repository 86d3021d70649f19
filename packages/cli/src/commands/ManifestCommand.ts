import { existsSync } from "node:fs";
import { addedBesideInputs, artifactPath, checkStaleness, readManifest } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class ManifestCommand extends ArkorCommand {
  static paths = [["manifest"]];

  static usage = Command.Usage({
    description: "Show what the last build made, and whether its sources changed since",
    details: `
      Prints \`.arkor/build/manifest.json\`: the source entry, the artifact's size and hash, every input file, the artifact's exports and which of them \`arkor start\` will take the trainer from. Then whether it is stale: the inputs changed or removed since the build, and new files beside them.

      It never builds and never runs the trainer's code; with \`--inspect\` it imports the artifact (without calling start()) to add the trainer's name.
    `,
    examples: [
      ["Show the manifest", "$0 manifest"],
      ["As one JSON event, for programs", "$0 manifest --json"],
    ],
  });

  inspect = Option.Boolean("--inspect", false, {
    description: "Import the artifact (never calling start()) to add the trainer's name",
  });

  async run(output: CommandOutput): Promise<number> {
    const cwd = this.projectRoot();
    const artifact = artifactPath(cwd);
    const manifest = readManifest(cwd) ?? null;
    const staleness = manifest ? checkStaleness(cwd, manifest) : { stale: false, changed: [], removed: [] };
    const trainerName = this.inspect && existsSync(artifact) ? await nameOfTrainer(artifact, cwd) : undefined;
    output.emitter.emit({
      type: "manifest",
      manifest,
      artifactExists: existsSync(artifact),
      ...staleness,
      added: manifest ? addedBesideInputs(cwd, manifest) : [],
      ...(trainerName !== undefined && { trainerName }),
    });
    return 0;
  }
}

async function nameOfTrainer(artifact: string, cwd: string): Promise<string | undefined> {
  const { findTrainer, loadArtifact } = await import("@arkor/runner");
  const { trainer } = findTrainer(await loadArtifact(artifact, cwd));
  return typeof trainer.name === "string" ? trainer.name : undefined;
}
