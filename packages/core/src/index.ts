export { build } from "./build.js";
export {
  CancelledError,
  SIGNAL_EXIT_CODES,
  SignalCancellation,
  abortOnProcessSignals,
  exitCodeForAbort,
  raceAbort,
  withCancellation,
} from "./cancellation.js";
export type { CancelSignal } from "./cancellation.js";
export type { BuildOptions, BuildOutput } from "./build.js";
export { defineConfig } from "./config.js";
export type { ArkorConfig, PluginOption } from "./config.js";
export { didYouMean } from "./didYouMean.js";
export {
  ArkorError,
  PluginError,
  artifactInvalid,
  artifactUnwritable,
  buildFailed,
  configError,
  dependencyInvalid,
  entryEmpty,
  entryNotAFile,
  entryNotFound,
  hookUnanswered,
  invalidHookResult,
  invalidOption,
  invalidPlugin,
  invalidTrainer,
  isArkorError,
  messageOf,
  moduleNotInstalled,
  noTrainerExport,
  projectNotFound,
  trainerFailed,
  trainingEntryNotFound,
  typescriptUnsupported,
} from "./errors.js";
export type { ArkorErrorCode } from "./errors.js";
export { ARTIFACT_FILE_NAME, DEFAULT_ENTRY, DEFAULT_OUT_DIR, artifactPath, displayPath } from "./paths.js";
export { createPipeline } from "./pipeline.js";
export type { Pipeline } from "./pipeline.js";
export { HOOK_NAMES } from "./plugin.js";
export type { ArkorPlugin, Awaitable, BundleContext, BundleResult, HookName, OutputFile, ResolveEntryContext, WatchContext, Watcher } from "./plugin.js";
export { EVENT_VERSION, createEmitter } from "./events.js";
export type * from "./events.js";
export { packageName, stackFrames } from "./stackFrames.js";
export type { StackFrame } from "./stackFrames.js";
export { validatePlugins } from "./validatePlugins.js";
export { createArkor, createTrainer, isArkor, isTrainer } from "./trainer.js";
export type { ArkorManifest, CreateArkorOptions, RunContext, Trainer, TrainingResult } from "./trainer.js";
export { MANIFEST_FILE_NAME, MANIFEST_SCHEMA_VERSION } from "./manifest.js";
export type { BuildManifest, ManifestInput } from "./manifest.js";
