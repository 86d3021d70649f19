import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ArkorError, displayPath, messageOf, trainerFailed } from "@arkor/core";
import { withLocation } from "./errorLocation.js";

/**
 * Imports the artifact with source maps on, so errors name the TypeScript
 * source. The URL carries the file's mtime and size: a long-lived process
 * (the Studio) that runs again after a rebuild gets the new code, not the
 * module cache's copy.
 */
export async function loadArtifact(file: string, cwd: string): Promise<Record<string, unknown>> {
  process.setSourceMapsEnabled(true);
  const stats = statSync(file);
  const url = `${pathToFileURL(file).href}?v=${stats.mtimeMs}-${stats.size}`;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw explainLoadError(error, file, cwd);
  }
}

function explainLoadError(error: unknown, file: string, cwd: string): ArkorError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = messageOf(error);
  const missingPackage = /Cannot find package '([^']+)'/.exec(message);
  if (code === "ERR_MODULE_NOT_FOUND" && missingPackage) {
    const name = packageName(missingPackage[1]!);
    return new ArkorError(
      "MODULE_NOT_INSTALLED",
      `The trainer imports '${name}', which is not installed. Install it in the project (npm install ${name}), then run arkor start again.`,
      { cause: error },
    );
  }
  if (code === "ERR_UNKNOWN_FILE_EXTENSION" && /\.[cm]?tsx?$/.test(file)) {
    return new ArkorError(
      "ARTIFACT_INVALID",
      `Node ${process.version} cannot import the TypeScript file ${displayPath(cwd, file)} directly. Build it first with arkor build and run .arkor/build/index.mjs, or run under a TypeScript loader such as tsx.`,
      { cause: error },
    );
  }
  if (isParseError(error)) {
    if (!parses(file)) {
      return new ArkorError(
        "ARTIFACT_INVALID",
        `The build artifact ${displayPath(cwd, file)} is not valid JavaScript (${message}); it may be truncated or corrupted. Run arkor build to rebuild it.`,
        { cause: error },
      );
    }
    return trainerFailed(
      `A package the trainer imports is not valid JavaScript (SyntaxError: ${message}). Reinstall the project's dependencies; ARKOR_DEBUG=1 shows more.`,
      error,
    );
  }
  return trainerFailed(withLocation(`The trainer threw while loading: ${message}`, error, cwd), error);
}

/** A SyntaxError from compiling a module (its stack has only Node's frames), not one that user code threw. */
function isParseError(error: unknown): boolean {
  if (!(error instanceof SyntaxError)) return false;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trim().startsWith("at "));
  return frames.every((frame) => /^\s*at (?:.*\()?node:/.test(frame));
}

/** Whether the artifact itself is valid JavaScript. Node reports parse errors without a file name, so ask it once more. */
function parses(file: string): boolean {
  return spawnSync(process.execPath, ["--check", file], { stdio: "ignore" }).status === 0;
}

/** `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}
