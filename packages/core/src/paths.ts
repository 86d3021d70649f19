import path from "node:path";

/** The source entry `arkor build` and `arkor start` use when none is given. */
export const DEFAULT_ENTRY = "src/arkor/index.ts";
/** Where the build artifact goes, relative to the project root. */
export const DEFAULT_OUT_DIR = ".arkor/build";
export const ARTIFACT_FILE_NAME = "index.mjs";

/** Absolute path of the build artifact of the project at `cwd`. */
export function artifactPath(cwd: string): string {
  return path.resolve(cwd, DEFAULT_OUT_DIR, ARTIFACT_FILE_NAME);
}

/** A path as printed to the user: relative to the project when inside it. */
export function displayPath(cwd: string, file: string): string {
  // The common case, without path.relative's normalising: a build's manifest names thousands of inputs.
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (file.startsWith(prefix) && !file.includes(`${path.sep}..${path.sep}`) && !file.includes(`${path.sep}.${path.sep}`)) {
    const relative = file.slice(prefix.length);
    return path.sep === "/" ? relative : relative.split(path.sep).join("/");
  }
  const relative = path.relative(cwd, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join("/");
}

/**
 * `path.resolve(cwd, file)` for a `/`-separated path such as a manifest or a
 * metafile records, without path.resolve's normalising when `file` is plainly
 * below `cwd` (no `.`, `..` or empty segment): they name thousands. The
 * inverse of displayPath's common case. `cwd` must be absolute and normalised.
 */
export function resolveBelow(cwd: string, file: string): string {
  if (!/^[^/\\:]+(\/[^/\\:]+)*$/.test(file) || /(^|\/)\.\.?(\/|$)/.test(file)) return path.resolve(cwd, file);
  return (cwd.endsWith(path.sep) ? cwd : cwd + path.sep) + (path.sep === "/" ? file : file.replaceAll("/", path.sep));
}
