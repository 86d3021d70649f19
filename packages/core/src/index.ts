export { build, commitBuild, failedBuildEnd } from "./build.js";
export { watch } from "./watch.js";
export type { WatchOptions } from "./watch.js";
export {
  Cancellation,
  CancelledError,
  HOST_GONE_EXIT_CODE,
  SIGNAL_EXIT_CODES,
  SignalCancellation,
  abortOnProcessSignals,
  crashCancellation,
  exitCodeForAbort,
  hostGoneCancellation,
  raceAbort,
  reasonOf,
  stdinCancellation,
  withCancellation,
} from "./cancellation.js";
export type { CancelSignal, CancellationOptions } from "./cancellation.js";
export type { BuildOptions, BuildOutput, CommitOptions } from "./build.js";
export { defineConfig } from "./config.js";
export type { ArkorConfig, PluginOption, SlurmOptions } from "./config.js";
export type { JobBackend, JobEndStatus, JobFiles, JobHandle, JobSink, JobState, SubmitContext } from "./backend.js";
export { JobSpecError, RESOURCE_NAMES, checkJobSpec, commandText, formatTimeLimit, normalizeResources } from "./jobSpec.js";
export type { JobResources, JobSpec, NormalizedResources } from "./jobSpec.js";
export { JOBS_DIR, JOB_RECORD_SCHEMA_VERSION, isLiveStatus } from "./jobRecord.js";
export type { JobOwner, JobRecord } from "./jobRecord.js";
export { didYouMean } from "./didYouMean.js";
export {
  ArkorError,
  BuildFailedError,
  PluginError,
  artifactDamaged,
  artifactInvalid,
  artifactUnwritable,
  backendUnavailable,
  jobNotFound,
  jobNotStarted,
  unknownBackend,
  buildFailed,
  cannotWatch,
  bundleOutputMissing,
  configError,
  dependencyInvalid,
  diskFullReason,
  entryEmpty,
  entryLoop,
  entryNotAFile,
  entryNotFound,
  entryNotRegularFile,
  hookUnanswered,
  invalidHookResult,
  invalidOption,
  envFileInvalid,
  invalidPlugin,
  invalidTrainer,
  isArkorError,
  messageOf,
  moduleNotInstalled,
  noTrainerExport,
  projectNotAFolder,
  projectNotFound,
  trainerFailed,
  trainingEntryNotAFile,
  trainingEntryNotFound,
  typescriptUnsupported,
} from "./errors.js";
export type { ArkorErrorCode, SourceLocation } from "./errors.js";
export { errorEvent, exitCodeOfError, forcedExitEvents, inSession } from "./session.js";
export type { SessionOptions } from "./session.js";
export { captureOutput } from "./captureOutput.js";
export { ARTIFACT_FILE_NAME, DEFAULT_ENTRY, DEFAULT_OUT_DIR, artifactPath, displayPath, resolveBelow } from "./paths.js";
export { describeValue } from "./describeValue.js";
export { pathKind } from "./pathKind.js";
export type { PathKind } from "./pathKind.js";
export { createPipeline } from "./pipeline.js";
export type { Pipeline } from "./pipeline.js";
export { HOOK_NAMES } from "./plugin.js";
export type { ArkorPlugin, Awaitable, BundleContext, BundleResult, HookName, OutputFile, ResolveEntryContext, WatchContext, Watcher } from "./plugin.js";
export { EVENT_VERSION, createEmitter } from "./events.js";
export { RAW_LINE_SEQ, createEventReader, readEvents } from "./eventReader.js";
export type { EventReader } from "./eventReader.js";
export type * from "./events.js";
export { packageName, stackFrames } from "./stackFrames.js";
export type { StackFrame } from "./stackFrames.js";
export { validatePlugins } from "./validatePlugins.js";
export { createArkor, createTrainer, isArkor, isCommandTrainer, isTrainer, TRAINING_STATUSES } from "./trainer.js";
export type {
  ArkorManifest,
  CommandTrainer,
  CommandTrainerOptions,
  CreateArkorOptions,
  RunContext,
  SubmittedJob,
  Trainer,
  TrainingResult,
  TrainingStatus,
  ExactTrainer,
  NotATrainerField,
} from "./trainer.js";
export {
  MANIFEST_FILE_NAME,
  MANIFEST_SCHEMA_VERSION,
  addedBesideInputs,
  checkStaleness,
  createManifest,
  manifestPath,
  readManifest,
  sha256Of,
} from "./manifest.js";
export type { BuildManifest, ManifestFacts, ManifestInput, ManifestOutput, Staleness } from "./manifest.js";
export { removeStaleTemps, writeAtomic } from "./writeAtomic.js";
export { withCommitLock } from "./commitLock.js";
export { jsonSafe } from "./jsonSafe.js";
export { watchFiles } from "./watchFiles.js";
export type { FileChanges } from "./watchFiles.js";
