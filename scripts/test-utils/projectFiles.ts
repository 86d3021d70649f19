import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Reading and writing files of a test project by paths relative to its folder. */
export interface ProjectFiles {
  dir: string;
  path(...segments: string[]): string;
  read(file: string): string;
  /** Writes the file, creating its folders. */
  write(file: string, contents: string): void;
}

export function projectFiles(dir: string): ProjectFiles {
  return {
    dir,
    path: (...segments) => path.join(dir, ...segments),
    read: (file) => readFileSync(path.join(dir, file), "utf8"),
    write: (file, contents) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), contents);
    },
  };
}
