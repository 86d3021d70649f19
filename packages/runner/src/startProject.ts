import { existsSync } from "node:fs";
import path from "node:path";
import {
  artifactPath,
  resolveBelow,
  build,
  checkStaleness,
  createEmitter,
  displayPath,
  forcedExitEvents,
  inSession,
  raceAbort,
  withCancellation,
  type Awaitable,
} from "@arkor/core";
import { inspectArtifact } from "./inspectArtifact.js";
import { openRecorder, runArtifact, type RunOutcome, type RunTrainerOptions } from "./runTrainer.js";
import { withCapturedOutput } from "./withCapturedOutput.js";

export interface StartProjectOptions extends Omit<RunTrainerOptions, "cwd"> {
  /** Project root. */
  cwd: string;
  /** When given, rebuild from this entry before running. */
  entry?: string;
  /** The plugins a build uses. Called only when a build is needed, so reusing an artifact loads no bundler. */
  plugins: () => Awaitable<readonly unknown[]>;
  /** The config file the plugins came from, recorded in the manifest. */
  configFile?: () => Awaitable<string | undefined>;
  /** The `.env` files the caller read into the environment, named in `run.start` (the CLI reads them; the API reads none). */
  envFiles?: readonly string[];
}

/**
 * `arkor start`: rebuild when an entry is given or the artifact is missing,
 * otherwise run the existing artifact as it is: after checking it is the one
 * the build wrote, and saying (`artifact.stale`) when its sources changed since.
 * The run is recorded in the job store unless `record: false`.
 */
export async function startProject(options: StartProjectOptions): Promise<RunOutcome> {
  const cwd = path.resolve(options.cwd);
  const emitter = options.emitter ?? createEmitter(options.onEvent);
  const { entry, plugins } = options;
  const recorder = await openRecorder(cwd, emitter, options, true);
  return withCapturedOutput(options.captureOutput, emitter, () =>
    inSession(
      emitter,
      () =>
        withCancellation({ ...options, onForcedExit: options.onForcedExit ?? forcedExitEvents(emitter) }, async (signal) => {
          let artifact = artifactPath(cwd);
          let sha256: string;
          let sourceEntry: string | undefined;
          let reusedBuiltAt: number | undefined;
          if (entry !== undefined || !existsSync(artifact)) {
            const loaded = await raceAbort(Promise.resolve(plugins()), signal);
            const built = await build({ cwd, entry, plugins: loaded, signal, emitter, configFile: await options.configFile?.() });
            artifact = built.outFile;
            sha256 = built.sha256;
            sourceEntry = displayPath(cwd, built.entry);
          } else {
            const inspected = inspectArtifact(artifact, cwd);
            sha256 = inspected.sha256;
            if (inspected.manifest) {
              sourceEntry = inspected.manifest.entry;
              reusedBuiltAt = Date.parse(inspected.manifest.builtAt);
              const { stale, changed, removed } = checkStaleness(cwd, inspected.manifest);
              if (stale) emitter.emit({ type: "artifact.stale", artifact, changed, ...(removed.length > 0 && { removed }) });
            }
          }
          signal.throwIfAborted();
          if (sourceEntry !== undefined) recorder?.update({ entry: sourceEntry });
          const built = sourceEntry === undefined ? undefined : { entry: resolveBelow(cwd, sourceEntry), ...(Number.isFinite(reusedBuiltAt) && { builtAt: reusedBuiltAt }) };
          return runArtifact(artifact, { ...options, cwd, signal, emitter, sha256, recorder, ownsProcess: options.handleSignals, built });
        }),
      (outcome) => outcome.exitCode,
    ),
  );
}
