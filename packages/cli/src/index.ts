export { getCli } from "./getCli.js";
export type { ArkorCli, GetCliOptions } from "./getCli.js";
export type { ArkorContext } from "./context.js";
export { loadPlugins } from "./loadPlugins.js";
// loadConfig is not exported here: it imports esbuild, and this entry is what
// `arkor start` loads, which must stay free of esbuild (see loadPlugins).
// Used when the arkor bin is built, to answer help and version without loading this package.
export { PREPARSED_COMMAND_LINES, preparsedCommandLines, renderStaticAnswers, staticCommandLines } from "./staticAnswers.js";
export type { StaticAnswers } from "./staticAnswers.js";
export type { PreparsedLine } from "./preparsed.js";
