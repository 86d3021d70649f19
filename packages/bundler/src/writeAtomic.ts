import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface OutputFile {
  path: string;
  contents: Uint8Array;
}

/**
 * Writes each file to a uniquely named temp file in the same folder, then
 * renames it over the target: a reader sees the old file or the new one,
 * never half of one. Files are renamed in the order given, so list the one
 * readers open (the artifact) last and its source map is in place before it.
 */
export async function writeAtomic(files: readonly OutputFile[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      temps.push(temp);
      await writeFile(temp, file.contents);
    }
    for (const [index, file] of files.entries()) await rename(temps[index]!, file.path);
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
  }
}
