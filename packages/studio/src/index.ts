export { DEFAULT_HOST, DEFAULT_PORT, startStudio } from "./studio.js";
export type { Studio, StudioOptions } from "./studio.js";
export type { ArkorCommandLine } from "./arkorProcess.js";
export type { StudioMessage } from "./eventLog.js";
