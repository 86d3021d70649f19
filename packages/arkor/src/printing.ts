import path from "node:path";
import type { RunOutcome, RunTrainerOptions, StartProjectOptions } from "@arkor/runner";

/**
 * Imports a built trainer, finds its trainer, calls `start()` then `wait()`,
 * and resolves to the job's outcome. Without `onEvent` it prints the run as
 * `arkor start` does (`Started job <id>`, `Job <id> finished with
 * status=<status>`, progress, errors); with `onEvent`, or `silent: true`, it
 * prints nothing.
 */
export async function runTrainer(file?: string, options: RunTrainerOptions = {}): Promise<RunOutcome> {
  // The runner is loaded when first called, not with `arkor`: every trainer imports `arkor`, few call this.
  const { runTrainer: runWithEvents } = await import("@arkor/runner");
  return runWithEvents(file, await printing(options));
}

/** `arkor start` in process: builds when needed, runs, records the job; prints as `runTrainer` does. */
export async function startProject(options: StartProjectOptions): Promise<RunOutcome> {
  const { startProject: startWithEvents } = await import("@arkor/runner");
  return startWithEvents(await printing(options));
}

/** The options with the CLI's text reporter as `onEvent` when the caller listens to nothing; loaded only then. */
async function printing<T extends RunTrainerOptions>(options: T): Promise<T> {
  if (options.onEvent || options.emitter || options.silent) return options;
  const { processReporter } = await import("@arkor/cli/reporter");
  return { ...options, onEvent: processReporter(path.resolve(options.cwd ?? process.cwd())) };
}
