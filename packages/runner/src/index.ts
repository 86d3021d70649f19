export { runTrainer, DEFAULT_CANCEL_TIMEOUT_MS } from "./runTrainer.js";
export type { Output, RunOutcome, RunTrainerOptions } from "./runTrainer.js";
export { startProject } from "./startProject.js";
export type { StartProjectOptions } from "./startProject.js";
export { findTrainer } from "./findTrainer.js";
export type { FoundTrainer } from "./findTrainer.js";
