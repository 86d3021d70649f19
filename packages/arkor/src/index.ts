export { createArkor, createTrainer, defineConfig, isArkor, isTrainer, isArkorError, ArkorError, PluginError } from "@arkor/core";
export type {
  ArkorConfig,
  ArkorErrorCode,
  ArkorManifest,
  ArkorPlugin,
  Awaitable,
  BundleContext,
  BundleResult,
  CreateArkorOptions,
  PluginOption,
  ResolveEntryContext,
  Trainer,
  TrainingResult,
} from "@arkor/core";
export { runTrainer, startProject } from "@arkor/runner";
export type { RunOutcome, RunTrainerOptions, StartProjectOptions } from "@arkor/runner";
