// `@arkor/jobs/record`: recording a run in the store, the one part of this package every arkor start
// loads; one file of its own, without the reader and followers (docs/performance.md § Jobs).
export { recordJob } from "./recorder.js";
export type { JobRecorder, RecorderOptions } from "./recorder.js";
