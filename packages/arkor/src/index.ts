// What a trainer's artifact needs comes from @arkor/core/trainer, a small part of core, loaded eagerly;
// the rest of core (build, watch, the pipeline) and the runner load when first called.
export { createArkor, createTrainer, defineConfig, isArkor, isTrainer, isArkorError, ArkorError, PluginError } from "@arkor/core/trainer";
export type {
  ArkorConfig,
  ArkorErrorCode,
  ArkorManifest,
  ArkorPlugin,
  Awaitable,
  BundleContext,
  BundleResult,
  CommandTrainer,
  CommandTrainerOptions,
  CreateArkorOptions,
  PluginOption,
  ResolveEntryContext,
  RunContext,
  SlurmOptions,
  SubmittedJob,
  Trainer,
  TrainingResult,
  TrainingStatus,
  ExactTrainer,
  NotATrainerField,
} from "@arkor/core";
// Jobs (docs/jobs.md): what a command trainer describes, the interface a backend implements, the store's record.
export type { JobBackend, JobEndStatus, JobFiles, JobHandle, JobOwner, JobRecord, JobResources, JobSink, JobSpec, JobState, SubmitContext } from "@arkor/core";
export { runTrainer, startProject } from "./printing.js";
export type { RunOutcome, RunTrainerOptions, StartProjectOptions } from "@arkor/runner";
// Build and watch over the plugins a host passes (those of `arkor/plugins`, or its own): no bundler is loaded here.
export { build, watch } from "./building.js";
export type { BuildOptions, BuildOutput, WatchOptions } from "@arkor/core";
// The event stream (docs/events.md): its types, an emitter for in-process hosts, a reader for hosts in other processes.
export { EVENT_VERSION, RAW_LINE_SEQ, createEmitter, createEventReader, readEvents } from "@arkor/core/trainer";
export type {
  ArkorEvent,
  ArkorEventBody,
  ArkorEventType,
  BuildManifest,
  BuildMessage,
  Emitter,
  EventEnvelope,
  EventListener,
  EventOf,
  EventReader,
  ManifestInput,
  Progress,
  TrainerExport,
} from "@arkor/core";
