// The floor under any `arkor start` that clipanion parses: the command line parsed by clipanion
// with start's options, then what start.mjs does (import the artifact, start(), wait()).
// Bundled by the suite as @arkor/cli bundles clipanion (one file, typanion split off), and, as the
// bin does, with Node's compile cache on where Node has it. Nothing else: no events, no manifest,
// no job record, no `import "arkor"`.
import module from "node:module";
import { Cli, Command, Option } from "clipanion";

module.enableCompileCache?.();

class StartCommand extends Command {
  static paths = [["start"]];
  entry = Option.String({ required: false, name: "entry" });
  backend = Option.String("--backend");
  detach = Option.Boolean("-d,--detach", false);
  cancelTimeout = Option.String("--cancel-timeout");
  envFiles = Option.Array("--env-file");
  noEnvFile = Option.Boolean("--no-env-file", false);
  cwd = Option.String("--cwd");
  json = Option.Boolean("--json", false);
  silent = Option.Boolean("-q,--silent", false);

  async execute() {
    const { arkor } = await import(`${process.cwd()}/.arkor/build/index.mjs`);
    await arkor.trainer.start();
    await arkor.trainer.wait();
    return 0;
  }
}

const cli = new Cli({ binaryLabel: "arkor", binaryName: "arkor", binaryVersion: "0.0.0", enableColors: false });
cli.register(StartCommand);
process.exitCode = await cli.run(process.argv.slice(2));
