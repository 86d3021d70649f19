import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { configError, diskFullReason } from "@arkor/core";

/** Codes that say this folder cannot be written to, where another might be. */
const FOLDER_UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * Writes the bundled config as a uniquely named module for Node to import,
 * and returns its path. Beside the config first, so it stays a sibling of the
 * files it was bundled from; in a read-only project folder, in the .arkor
 * folder next to it (the build writes there anyway), from where bare imports
 * still resolve from the project's node_modules, one level up.
 */
export async function writeConfigModule(file: string, code: string, extension: "mjs" | "cjs"): Promise<string> {
  const name = path.basename(file);
  const tempName = `${name}.${process.pid}-${randomBytes(4).toString("hex")}.tmp.${extension}`;
  const beside = path.join(path.dirname(file), tempName);
  let besideCode: string;
  try {
    await writeWhole(beside, code);
    return beside;
  } catch (error) {
    besideCode = codeOf(error);
    if (!FOLDER_UNWRITABLE.has(besideCode)) throw cannotWrite(name, error);
  }
  const fallback = path.join(path.dirname(file), ".arkor", tempName);
  try {
    // Not recursive: on a read-only disk that reports ENOENT rather than EROFS.
    await mkdir(path.dirname(fallback)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await writeWhole(fallback, code);
    return fallback;
  } catch (error) {
    if (diskFullReason(codeOf(error))) throw cannotWrite(name, error);
    throw configError(
      name,
      `arkor compiles it to a temporary module and could write it neither beside it (${besideCode}) nor in .arkor/ (${codeOf(error)}). Make the project folder, or its .arkor folder, writable.`,
      error,
    );
  }
}

/** A full disk can leave a created but empty file behind: remove it. */
async function writeWhole(file: string, code: string): Promise<void> {
  try {
    await writeFile(file, code);
  } catch (error) {
    await rm(file, { force: true }).catch(() => {});
    throw error;
  }
}

function cannotWrite(name: string, error: unknown): Error {
  const code = codeOf(error);
  const fix = diskFullReason(code) ?? `${code}. Make the project folder writable`;
  return configError(name, `arkor compiles it to a temporary module and could not write it: ${fix}, then run again.`, error);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
