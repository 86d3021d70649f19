import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_ENTRY, entryEmpty, entryLoop, entryNotAFile, entryNotFound, entryNotRegularFile, pathKind, type ArkorPlugin } from "@arkor/core";

/** Picks the source entry: the one the user typed (relative to the project, or absolute), else `src/arkor/index.ts`. */
export function defaultResolver(): ArkorPlugin {
  return {
    name: "arkor:resolver",
    resolveEntry({ cwd, entry }) {
      const absolute = path.resolve(cwd, entry ?? DEFAULT_ENTRY);
      const kind = pathKind(absolute);
      if (kind === "missing") throw entryNotFound(absolute);
      if (kind === "directory") throw entryNotAFile(absolute);
      if (kind === "symlink loop") throw entryLoop(absolute);
      if (kind !== "file") throw entryNotRegularFile(absolute, kind);
      // An empty entry would build and then fail at run time with a vaguer message.
      if (readFileSync(absolute, "utf8").trim() === "") throw entryEmpty(absolute);
      return absolute;
    },
  };
}
