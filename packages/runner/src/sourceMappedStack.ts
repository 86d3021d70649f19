import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A stack line, split around its location: `at fn (` + `file:///…/index.mjs?v=1` + `:3` + `:9` + `)`.
// As in core's stackFrames, the location starts at the first ` (` followed by `/` or `file://`.
const FRAME = /^(\s*at (?:.*? \()?)((?:file:\/\/)?\/.*?):(\d+):(\d+)(\)?)$/;
const MAPPING_URL = /\/\/# sourceMappingURL=(\S+)\s*$/;

/**
 * Rewrites the frames of `error.stack` that point into a bundle with a source
 * map to the original source, as Node does with source maps enabled, but only
 * when asked: enabling them up front makes Node parse the whole map on every
 * start, although it is only needed when something throws. Frames in files
 * that `keep` accepts stay as they are, and so does anything that cannot be mapped.
 */
export function mapStack(error: unknown, keep: (file: string) => boolean): void {
  if (!(error instanceof Error) || typeof error.stack !== "string") return;
  const maps = new Map<string, MappedFile | null>();
  error.stack = error.stack
    .split("\n")
    .map((line) => {
      const match = FRAME.exec(line);
      if (!match) return line;
      const [, head, location, row, column, tail] = match as unknown as [string, string, string, string, string, string];
      const file = location.startsWith("file://") ? fileURLToPath(location.replace(/\?.*$/, "")) : location;
      if (keep(file)) return line;
      if (!maps.has(file)) maps.set(file, readSourceMap(file));
      const original = maps.get(file)?.find(Number(row), Number(column));
      return original ? `${head}${original}${tail}` : line;
    })
    .join("\n");
}

interface MappedFile {
  /** `/abs/src/file.ts:line:column` for a 1-based generated position, or undefined. */
  find(line: number, column: number): string | undefined;
}

/** The source map `file` links to (a file beside it or a data: URL); null when there is none or it cannot be read. */
function readSourceMap(file: string): MappedFile | null {
  try {
    const url = MAPPING_URL.exec(readFileSync(file, "utf8"))?.[1];
    if (!url) return null;
    const inline = /^data:application\/json[^,]*?(;base64)?,(.*)$/.exec(url);
    const mapFile = inline ? file : path.resolve(path.dirname(file), decodeURIComponent(url));
    const text = inline ? (inline[1] ? Buffer.from(inline[2]!, "base64").toString("utf8") : decodeURIComponent(inline[2]!)) : readFileSync(mapFile, "utf8");
    const payload = JSON.parse(text) as { sourceRoot?: string };
    const map = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
    const base = path.resolve(path.dirname(mapFile), payload.sourceRoot ?? "");
    return {
      find(line, column) {
        const entry = map.findEntry(line - 1, column - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
        if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
        // A map's sources are URLs (a `ü` comes percent-encoded): the path is the file system's name for it.
        const source = entry.originalSource.startsWith("file://") ? fileURLToPath(entry.originalSource) : path.resolve(base, decodedUrlPath(entry.originalSource));
        return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      },
    };
  } catch {
    return null;
  }
}

/** A relative URL's path as a file path: `t%20%C3%BC.ts` is `t ü.ts`; one that is not valid percent-encoding is kept as written. */
function decodedUrlPath(reference: string): string {
  try {
    return decodeURIComponent(reference);
  } catch {
    return reference;
  }
}
