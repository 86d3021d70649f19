import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ArkorCommandLine } from "./arkorProcess.js";

/**
 * Node and the `arkor` bin the project has installed, so runs use the
 * project's own arkor, as `npx arkor start` would; failing that, the one
 * installed beside this package.
 */
export function resolveArkorCommand(cwd: string): ArkorCommandLine {
  const bases = [path.join(cwd, "package.json"), import.meta.url];
  for (const base of bases) {
    try {
      const manifestPath = createRequire(base).resolve("arkor/package.json");
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
      const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.arkor;
      if (bin) return [process.execPath, path.resolve(path.dirname(manifestPath), bin)];
    } catch {
      // Not installed there: try the next place.
    }
  }
  throw new Error(`Cannot find the arkor package from ${cwd}. Install it in the project: npm install arkor.`);
}
