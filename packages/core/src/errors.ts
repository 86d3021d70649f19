import path from "node:path";
import type { BuildMessage } from "./events.js";
import { nodeUtil } from "./nodeBuiltins.js";

/**
 * Every error arkor reports on purpose: a stable `code` and a message that
 * names the problem and how to fix it. The CLI prints these without a stack.
 *
 * Errors are recognised by a brand rather than `instanceof`, because a user's
 * bundle loads its own copy of `arkor` and with it its own copy of this class.
 */
const BRAND = Symbol.for("arkor.error");

export type ArkorErrorCode =
  | "ENTRY_NOT_FOUND"
  | "PROJECT_NOT_FOUND"
  | "INVALID_OPTION"
  | "ENTRY_NOT_A_FILE"
  | "ENTRY_EMPTY"
  | "TRAINING_ENTRY_NOT_FOUND"
  | "NO_TRAINER_EXPORT"
  | "INVALID_TRAINER"
  | "INVALID_PLUGIN"
  | "PLUGIN_ERROR"
  | "HOOK_UNANSWERED"
  | "INVALID_HOOK_RESULT"
  | "BUILD_FAILED"
  | "ARTIFACT_UNWRITABLE"
  | "ARTIFACT_INVALID"
  | "TYPESCRIPT_UNSUPPORTED"
  | "DEPENDENCY_INVALID"
  | "MODULE_NOT_INSTALLED"
  | "TRAINER_FAILED"
  | "CONFIG_ERROR"
  | "CANCELLED"
  | "CANNOT_WATCH"
  | "UNKNOWN_BACKEND"
  | "BACKEND_UNAVAILABLE"
  | "JOB_NOT_STARTED"
  | "JOB_NOT_FOUND"
  | "ENV_FILE_INVALID"
  | "FILES_EXIST"
  | "INSTALL_FAILED";

/** Where in the user's source an error points, as printed (relative to the project). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export class ArkorError extends Error {
  readonly code: ArkorErrorCode;
  readonly location?: SourceLocation;
  readonly [BRAND] = true;

  constructor(code: ArkorErrorCode, message: string, options?: { cause?: unknown; location?: SourceLocation }) {
    super(message, options);
    this.name = "ArkorError";
    this.code = code;
    if (options?.location) this.location = options.location;
  }
}

export function isArkorError(value: unknown): value is ArkorError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** A hook threw: `[plugin NAME] HOOK: message`, as Rollup reports it. */
export class PluginError extends ArkorError {
  readonly plugin: string;
  readonly hook: string;

  constructor(plugin: string, hook: string, cause: unknown) {
    super("PLUGIN_ERROR", `[plugin ${plugin}] ${hook}: ${messageOf(cause)}`, { cause });
    this.name = "PluginError";
    this.plugin = plugin;
    this.hook = hook;
  }
}

/** The message of anything thrown: an Error's, a plain `{ message }` object's (API clients reject with those), or the value shown as Node shows it. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof message === "string") return message;
  if (typeof error === "object" && error !== null) return nodeUtil().inspect(error, { breakLength: Infinity });
  return String(error);
}

// The spec's messages, verbatim (shared/spec/arkor-build-and-start.txt).

export function entryNotFound(absolutePath: string): ArkorError {
  return new ArkorError(
    "ENTRY_NOT_FOUND",
    `Build entry not found: ${absolutePath}. Create src/arkor/index.ts or pass an explicit entry argument.`,
  );
}

export function trainingEntryNotFound(absolutePath: string): ArkorError {
  return new ArkorError(
    "TRAINING_ENTRY_NOT_FOUND",
    `Training entry not found: ${absolutePath}. Provide a path or create src/arkor/index.ts.`,
  );
}

export function noTrainerExport(): ArkorError {
  return new ArkorError(
    "NO_TRAINER_EXPORT",
    "Training entry must export 'arkor' (from createArkor({...})) or 'trainer' (from createTrainer({...})), or default-export one of them.",
  );
}

// Our own messages, each naming the fix.

export function entryNotAFile(absolutePath: string): ArkorError {
  return new ArkorError(
    "ENTRY_NOT_A_FILE",
    `Build entry is a directory, not a file: ${absolutePath}. Pass the trainer's file, such as ${absolutePath}/index.ts.`,
  );
}

export function entryNotRegularFile(absolutePath: string, kind: string): ArkorError {
  return new ArkorError(
    "ENTRY_NOT_A_FILE",
    `Build entry is a ${kind}, not a regular file: ${absolutePath}. Pass the trainer's source file, such as src/arkor/index.ts.`,
  );
}

export function entryLoop(absolutePath: string): ArkorError {
  return new ArkorError(
    "ENTRY_NOT_A_FILE",
    `Build entry path is a loop of symlinks: ${absolutePath}. Point the links at the trainer's file, or pass the file itself.`,
  );
}

export function trainingEntryNotAFile(absolutePath: string, kind: string): ArkorError {
  return new ArkorError(
    "ENTRY_NOT_A_FILE",
    `Training entry is a ${kind}, not a regular file: ${absolutePath}. Pass the built trainer, such as .arkor/build/index.mjs.`,
  );
}

export function entryEmpty(absolutePath: string): ArkorError {
  return new ArkorError(
    "ENTRY_EMPTY",
    `Build entry is empty: ${absolutePath}. Export a trainer from it, such as export const arkor = createArkor({ trainer }).`,
  );
}

/** `blockedBy`: the file that stands where one of the path's folders should be. */
export function projectNotFound(absolutePath: string, blockedBy?: { path: string; kind: string }): ArkorError {
  const why = blockedBy ? ` (${blockedBy.path} is a ${blockedBy.kind}, not a folder)` : "";
  return new ArkorError("PROJECT_NOT_FOUND", `Project folder not found: ${absolutePath}${why}. Pass an existing folder to --cwd.`);
}

export function projectNotAFolder(absolutePath: string, kind: string): ArkorError {
  return new ArkorError(
    "PROJECT_NOT_FOUND",
    `Project folder is a ${kind}, not a folder: ${absolutePath}. Pass the project's folder to --cwd, such as ${path.dirname(absolutePath)}.`,
  );
}

export function invalidOption(message: string): ArkorError {
  return new ArkorError("INVALID_OPTION", message);
}

/** A `.env` file that cannot be read as one: `where` is the file, or `file:line`. */
export function envFileInvalid(where: string, problem: string): ArkorError {
  return new ArkorError("ENV_FILE_INVALID", `${where}: ${problem}`);
}

export function configError(configFile: string, problem: string, cause?: unknown): ArkorError {
  return new ArkorError("CONFIG_ERROR", `Failed to load ${configFile}: ${problem}`, { cause });
}

export function invalidTrainer(exportName: string, problem: string): ArkorError {
  return new ArkorError("INVALID_TRAINER", `The '${exportName}' export ${problem}`);
}

export function invalidPlugin(message: string): ArkorError {
  return new ArkorError("INVALID_PLUGIN", message);
}

export function hookUnanswered(hook: string, suggestion: string): ArkorError {
  return new ArkorError("HOOK_UNANSWERED", `No plugin answered the ${hook} hook. Add a plugin with a ${hook} hook, such as ${suggestion}.`);
}

export function invalidHookResult(plugin: string, hook: string, expected: string): ArkorError {
  return new ArkorError("INVALID_HOOK_RESULT", `[plugin ${plugin}] ${hook}: returned an invalid value; expected ${expected}.`);
}

/**
 * A build the bundler refused: every error and warning, in its words, for
 * `build.end`. The message names the first error's text; its location is in
 * the code frame printed above it and in the `error` event's fields.
 */
export class BuildFailedError extends ArkorError {
  readonly buildErrors: BuildMessage[];
  readonly buildWarnings: BuildMessage[];

  constructor(errors: BuildMessage[], warnings: BuildMessage[], cause?: unknown) {
    const [first] = errors;
    const count = `${errors.length} error${errors.length === 1 ? "" : "s"}`;
    const location = first?.file ? { file: first.file, line: first.line ?? 1, column: first.column ?? 1 } : undefined;
    super("BUILD_FAILED", first ? `Build failed with ${count}: ${first.plugin ? `[plugin ${first.plugin}] ` : ""}${first.text}` : "Build failed.", { cause, location });
    this.name = "BuildFailedError";
    this.buildErrors = errors;
    this.buildWarnings = warnings;
  }
}

export function buildFailed(errors: BuildMessage[], warnings: BuildMessage[] = [], cause?: unknown): BuildFailedError {
  return new BuildFailedError(errors, warnings, cause);
}

export function bundleOutputMissing(plugin: string, outFile: string, problem: string): ArkorError {
  return new ArkorError(
    "INVALID_HOOK_RESULT",
    `[plugin ${plugin}] bundle: the artifact ${outFile} it answered with ${problem}. Write it before answering, or return it in outputFiles.`,
  );
}

export function cannotWatch(plugin: string): ArkorError {
  return new ArkorError(
    "CANNOT_WATCH",
    `Cannot watch: the bundle plugin ${plugin} has no watch hook and reported no inputs. Return inputs from its bundle hook (or add a watch hook), or rebuild by hand with arkor build.`,
  );
}

/** The artifact on disk is not what the build wrote, or not a usable file at all. */
export function artifactDamaged(displayedFile: string, problem: string): ArkorError {
  return new ArkorError("ARTIFACT_INVALID", `The build artifact ${displayedFile} ${problem}. Run arkor build to rebuild it.`);
}

/**
 * The disk, not the folder, is the problem: ENOSPC or EDQUOT, said in words
 * with the fix; undefined for any other code.
 */
export function diskFullReason(code: string | undefined): string | undefined {
  if (code === "ENOSPC") return "the disk is full (ENOSPC). Free some space on it";
  if (code === "EDQUOT") return "your disk quota is used up (EDQUOT). Free some space, or ask for a larger quota";
  return undefined;
}

/** `reason`: the error's code (ENOTDIR, EACCES, ENOSPC…), or its message when it has none. */
export function artifactUnwritable(outFile: string, reason: string, cause?: unknown): ArkorError {
  const diskFull = diskFullReason(reason);
  if (diskFull) {
    return new ArkorError("ARTIFACT_UNWRITABLE", `Cannot write the build artifact ${outFile}: ${diskFull}, then build again.`, { cause });
  }
  return new ArkorError(
    "ARTIFACT_UNWRITABLE",
    `Cannot write the build artifact ${outFile} (${reason}). Make ${path.dirname(outFile)} a writable folder, or delete it so arkor can create it.`,
    { cause },
  );
}

export function artifactInvalid(displayedFile: string, reason: string, cause?: unknown): ArkorError {
  return new ArkorError(
    "ARTIFACT_INVALID",
    `The build artifact ${displayedFile} is not valid JavaScript (${reason}); it may be truncated or corrupted. Run arkor build to rebuild it.`,
    { cause },
  );
}

export function moduleNotInstalled(packageName: string, cause?: unknown): ArkorError {
  return new ArkorError(
    "MODULE_NOT_INSTALLED",
    `The trainer imports '${packageName}', which is not installed. Install it in the project (npm install ${packageName}), then run arkor start again.`,
    { cause },
  );
}

export function dependencyInvalid(reason: string, cause?: unknown): ArkorError {
  return new ArkorError(
    "DEPENDENCY_INVALID",
    `A package the trainer imports is not valid JavaScript (SyntaxError: ${reason}). Reinstall the project's dependencies; ARKOR_DEBUG=1 shows more.`,
    { cause },
  );
}

export function typescriptUnsupported(displayedFile: string, cause?: unknown): ArkorError {
  return new ArkorError(
    "TYPESCRIPT_UNSUPPORTED",
    `Node ${process.version} cannot import the TypeScript file ${displayedFile} directly. Build it first with arkor build and run .arkor/build/index.mjs, or run under a TypeScript loader such as tsx.`,
    { cause },
  );
}

export function trainerFailed(message: string, cause?: unknown, location?: SourceLocation): ArkorError {
  return new ArkorError("TRAINER_FAILED", message, { cause, location });
}

// Jobs and backends (docs/jobs.md).

export function unknownBackend(name: string, known: readonly string[], near?: string): ArkorError {
  return new ArkorError(
    "UNKNOWN_BACKEND",
    `Unknown backend "${name}"${near ? `; did you mean "${near}"?` : "."} Backends: ${known.join(", ")}. Pick one with --backend, ARKOR_BACKEND or the config's backend.`,
  );
}

/** A backend that cannot work on this machine (its tools are missing), with how to get them. */
export function backendUnavailable(message: string, cause?: unknown): ArkorError {
  return new ArkorError("BACKEND_UNAVAILABLE", message, { cause });
}

/** The job could not be started: a command that cannot be spawned, a scheduler's refusal. */
export function jobNotStarted(message: string, cause?: unknown): ArkorError {
  return new ArkorError("JOB_NOT_STARTED", message, { cause });
}

/** `problem`: why a folder of that name is there but unreadable (a damaged job.json). */
export function jobNotFound(id: string, storeDir: string, known: readonly string[], problem?: string): ArkorError {
  if (problem) return new ArkorError("JOB_NOT_FOUND", `Job ${id} in ${storeDir} cannot be read: ${problem}. Remove its folder (${storeDir}/${id}) if it is of no use.`);
  const hint = known.length > 0 ? ` The newest: ${known.slice(0, 3).join(", ")}.` : " The store is empty.";
  return new ArkorError("JOB_NOT_FOUND", `No job ${id} in ${storeDir}.${hint} Run arkor jobs to list them.`);
}
