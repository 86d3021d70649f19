export { runTrainer, runArtifact, DEFAULT_CANCEL_TIMEOUT_MS } from "./runTrainer.js";
export type { RunOutcome, RunTrainerOptions, RunArtifactOptions } from "./runTrainer.js";
export { startProject } from "./startProject.js";
export type { StartProjectOptions } from "./startProject.js";
export { findTrainer } from "./findTrainer.js";
export { inspectArtifact } from "./inspectArtifact.js";
export type { InspectedArtifact } from "./inspectArtifact.js";
export { loadArtifact } from "./loadArtifact.js";
export type { FoundTrainer } from "./findTrainer.js";
