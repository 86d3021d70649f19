export { sbatchArguments, slurmBackend } from "./slurmBackend.js";
export type { SlurmHandle } from "./slurmBackend.js";
export { batchScript, shellQuote } from "./batchScript.js";
export { jobStateOf, parseScontrol } from "./slurmState.js";
export type { SlurmFacts } from "./slurmState.js";
export { runTool, slurmReason, slurmUnreachable } from "./slurmTools.js";
export { probeSlurm } from "./probe.js";
