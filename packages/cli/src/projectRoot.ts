import path from "node:path";
import { pathKind, projectNotAFolder, projectNotFound } from "@arkor/core";

/** The absolute project root: `cwd` (the `--cwd` flag) when given, else the current folder; it must be a folder. */
export function projectRoot(cwd: string | undefined): string {
  const root = path.resolve(cwd ?? ".");
  const kind = pathKind(root);
  if (kind === "directory") return root;
  if (kind !== "missing") throw projectNotAFolder(root, kind);
  // `--cwd package.json/sub`: name the file that stands where a folder should be.
  for (let parent = path.dirname(root); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    const parentKind = pathKind(parent);
    if (parentKind === "directory") break;
    if (parentKind !== "missing") throw projectNotFound(root, { path: parent, kind: parentKind });
  }
  throw projectNotFound(root);
}
