import { existsSync } from "node:fs";
import path from "node:path";
import { artifactPath, build, raceAbort, withCancellation, type Awaitable, type BuildOutput } from "@arkor/core";
import { runTrainer, type RunOutcome, type RunTrainerOptions } from "./runTrainer.js";

export interface StartProjectOptions extends Omit<RunTrainerOptions, "cwd"> {
  /** Project root. */
  cwd: string;
  /** When given, rebuild from this entry before running. */
  entry?: string;
  /** The plugins a build uses. Called only when a build is needed, so reusing an artifact loads no bundler. */
  plugins: () => Awaitable<readonly unknown[]>;
  /** Called after a build, before the run (the CLI prints `Built …`). */
  onBuilt?(output: BuildOutput): void;
}

/**
 * `arkor start`: rebuild when an entry is given or the artifact is missing,
 * otherwise run the existing artifact as it is.
 */
export async function startProject(options: StartProjectOptions): Promise<RunOutcome> {
  const cwd = path.resolve(options.cwd);
  const { entry, plugins, onBuilt, handleSignals, ...runOptions } = options;
  return withCancellation({ signal: options.signal, handleSignals }, async (signal) => {
    let artifact = artifactPath(cwd);
    if (entry !== undefined || !existsSync(artifact)) {
      const built = await build({ cwd, entry, plugins: await raceAbort(Promise.resolve(plugins()), signal), signal });
      onBuilt?.(built);
      artifact = built.outFile;
    }
    signal.throwIfAborted();
    return runTrainer(artifact, { ...runOptions, cwd, signal });
  });
}
