import { createRequire } from "node:module";
import { statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  artifactInvalid,
  dependencyInvalid,
  displayPath,
  messageOf,
  moduleNotInstalled,
  packageName,
  trainerFailed,
  typescriptUnsupported,
  type ArkorError,
} from "@arkor/core";
import { withLocation } from "./errorLocation.js";

/**
 * Imports the artifact. Source maps stay off (Node would parse the whole map
 * on every start); errors are mapped to the TypeScript source when they are
 * reported (errorLocation.ts). The URL carries the file's mtime and size: a long-lived process
 * (the Studio) that runs again after a rebuild gets the new code, not the
 * module cache's copy.
 */
export async function loadArtifact(file: string, cwd: string): Promise<Record<string, unknown>> {
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
    return moduleNotInstalled(name, error);
  }
  if (code === "ERR_UNKNOWN_FILE_EXTENSION" && /\.[cm]?tsx?$/.test(file)) {
    return typescriptUnsupported(displayPath(cwd, file), error);
  }
  if (isParseError(error)) {
    return parses(file) ? dependencyInvalid(message, error) : artifactInvalid(displayPath(cwd, file), message, error);
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
  // Loaded here, on this failure path only: every trainer loads the runner through arkor, and child_process costs a few ms.
  const { spawnSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
  return spawnSync(process.execPath, ["--check", file], { stdio: "ignore" }).status === 0;
}

