import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { artifactDamaged, displayPath, readManifest, sha256Of, withCommitLock, type BuildManifest } from "@arkor/core";

export interface InspectedArtifact {
  sha256: string;
  /** The manifest it was checked against; undefined when there is none (an older arkor, a plugin that writes none). */
  manifest?: BuildManifest;
}

/**
 * Checks that the artifact is what the build wrote, before any of it runs, so
 * a damaged file is named as such rather than blamed on the user's source:
 * by the manifest's hash when there is one, else by what can be seen.
 */
export function inspectArtifact(file: string, cwd: string): InspectedArtifact {
  const shown = displayPath(cwd, file);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats && !stats.isFile()) throw artifactDamaged(shown, `is not a file (it is a ${stats.isDirectory() ? "folder" : "special file"})`);
  const manifest = manifestFor(file, cwd);
  // As the build wrote it (the size and modification time it recorded): its recorded hash holds, with no read or hash.
  // Anything that rewrote the file moved its time; then the hash decides, as below.
  if (manifest && stats && stats.size > 0 && stats.size === manifest.artifact.bytes && stats.mtimeMs === manifest.artifact.mtimeMs) {
    return { sha256: manifest.artifact.sha256, manifest };
  }
  const contents = readFileSync(file);
  if (contents.byteLength === 0) throw artifactDamaged(shown, "is empty");
  const sha256 = sha256Of(contents);
  if (manifest) {
    if (manifest.artifact.sha256 === sha256) return { sha256, manifest };
    // A build may have committed between the two reads: read both again as one build left them.
    const again = withCommitLock(path.dirname(file), () => {
      const latest = manifestFor(file, cwd);
      return latest && { manifest: latest, contents: readFileSync(file) };
    });
    const latestSha256 = again && sha256Of(again.contents);
    if (again && again.manifest.artifact.sha256 === latestSha256) return { sha256: latestSha256, manifest: again.manifest };
    const seen = again?.contents ?? contents;
    const expected = (again?.manifest ?? manifest).artifact.bytes;
    throw artifactDamaged(
      shown,
      seen.byteLength < expected
        ? `is truncated (${seen.byteLength} of ${expected} bytes)`
        : "is corrupted: it does not match the hash its build recorded (was it edited by hand?)",
    );
  }
  // No manifest: an artifact of ours ends with its source map comment; one cut short does not.
  if (existsBeside(file, ".map") && !contents.subarray(-200).toString("utf8").includes("//# sourceMappingURL=")) {
    throw artifactDamaged(shown, "is truncated: it does not end as a build does");
  }
  return { sha256 };
}

function manifestFor(file: string, cwd: string): BuildManifest | undefined {
  const manifest = readManifest(cwd);
  return manifest && path.resolve(cwd, manifest.artifact.path) === file ? manifest : undefined;
}

function existsBeside(file: string, suffix: string): boolean {
  return statSync(file + suffix, { throwIfNoEntry: false })?.isFile() === true;
}
