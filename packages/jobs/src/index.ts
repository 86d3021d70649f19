// The job store (.arkor/jobs, docs/events.md § The job store): recording a run,
// reading and settling records, following a job's output, pruning. The local
// backend is `@arkor/jobs/local`, loaded only when a command job runs.
export { JOB_FILES, claimJobDir, isJobId, jobDir, lastWrite, listJobIds, listRecords, newJobId, readRecord, storeDir, unreadableRecord, writeRecord } from "./store.js";
export { recordJob } from "./recorder.js";
export type { JobRecorder, RecorderOptions } from "./recorder.js";
export { currentRecord, eventsHoldOutput, findRecord, jobFiles, lastProgress, listJobs, summarizeJob, untilEnded } from "./reader.js";
export type { BackendLoader, JobSummary, UntilEndedOptions } from "./reader.js";
export { attachJob } from "./attachJob.js";
export type { AttachJobOptions } from "./attachJob.js";
export { cancelJob } from "./cancelJob.js";
export type { CancelJobOptions } from "./cancelJob.js";
export { jobFinishedOf } from "./jobFinished.js";
export { warnOnce } from "./warnOnce.js";
export { submitJob } from "./submitJob.js";
export type { SubmitJobOptions } from "./submitJob.js";
export { followJob, followJobFiles } from "./followJob.js";
export type { FollowJobOptions } from "./followJob.js";
export { followRecord } from "./followRecord.js";
export { followEvents } from "./followEvents.js";
export type { FollowRecordOptions } from "./followRecord.js";
export { followFiles, lineSplitter } from "./followFiles.js";
export type { FollowedFile, FollowOptions } from "./followFiles.js";
export { parseProgressLine } from "./progressLine.js";
export { AUTO_KEEP, PRUNE_KEEP, autoKeep, autoPrune, pruneStore } from "./prune.js";
export type { PruneResult } from "./prune.js";
export { currentOwner, isGroupAlive, isOwnerAlive, isProcessAlive, processStartTime } from "./processInfo.js";
