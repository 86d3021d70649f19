#!/usr/bin/env node
import module from "node:module";
import { colorsEnabled } from "@arkor/cli/colors";
import staticAnswers from "arkor:static-answers";
import packageJson from "../package.json" with { type: "json" };

// Built as CommonJS (dist/cli.cjs): Node starts a CommonJS main without loading its ES module
// loader, which help and version, answered right here, never need (docs/performance.md).
const argv = process.argv.slice(2);
// Help and version, as the CLI renders them, were rendered when this file was built:
// answering them needs no command line framework, no runner and no bundler.
const line = JSON.stringify(argv);
const answer = Object.hasOwn(staticAnswers.answers, line) ? staticAnswers.answers[line] : undefined;
if (answer) process.stdout.write(staticAnswers.texts[colorsEnabled(process.stdout, process.env) ? answer[1] : answer[0]]!);
else void runCommand();

async function runCommand(): Promise<void> {
  enableCompileCache();
  // `arkor start`, `arkor build` (with or without --json) were parsed by clipanion when this file was built:
  // they run from that parse, without loading clipanion. Every other line is parsed now.
  const preparsed = Object.hasOwn(staticAnswers.preparsed, line) ? staticAnswers.preparsed[line] : undefined;
  // Loaded after the cache is on, so it serves the CLI's own modules too (an ES module: import(), not require()).
  const exitCode = preparsed
    ? await (await import("@arkor/cli/preparsed")).runPreparsed(preparsed, { bin: __filename })
    : await (await import("@arkor/cli")).getCli({ version: packageJson.version, bin: __filename }).run(argv);
  process.exitCode = exitCode;
  // The job is over: a trainer's stray timer or socket must not keep the process alive,
  // and one that throws now is said in one line, not as Node's stack of the bundle.
  process.on("uncaughtException", (error) => {
    process.stderr.write(`error: trainer code crashed after the run ended: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  setTimeout(() => process.exit(exitCode), 500).unref();
}

/**
 * Node 22.1+ keeps compiled code on disk between runs (in its default folder
 * under the OS temp dir, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off). Where Node lacks it or it fails, the run goes on without it.
 */
function enableCompileCache(): void {
  try {
    (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // A speed-up only: never a reason to fail.
  }
}
