import { buildStdin, runBuild, type BuildFlags } from "./commands/runBuild.js";
import { runStart, START_STDIN, type StartFlags } from "./commands/runStart.js";
import { processContext } from "./context.js";
import { runArkorCommand } from "./runArkorCommand.js";

/**
 * A command line that clipanion parsed when the arkor bin was built
 * (staticAnswers.ts): `arkor start`, `arkor build`, with or without `--json`.
 * Its parse depends on nothing but the words, so the bin runs it from here,
 * without loading clipanion: about 20 ms of every such start and build
 * (docs/performance.md).
 */
export type PreparsedLine = { command: "start"; flags: StartFlags } | { command: "build"; flags: BuildFlags };

/** Runs a preparsed command line as the CLI would: same context, same reporter, same exit code. */
export function runPreparsed(line: PreparsedLine, options: { bin?: string } = {}): Promise<number> {
  const context = processContext(options.bin ?? process.argv[1]);
  if (line.command === "start") return runArkorCommand(context, line.flags, START_STDIN, (output) => runStart(line.flags, context, output));
  return runArkorCommand(context, line.flags, buildStdin(line.flags), (output) => runBuild(line.flags, context, output));
}
