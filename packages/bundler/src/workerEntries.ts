import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";

/**
 * `new Worker(new URL("./worker.ts", import.meta.url))`, the pattern vite
 * bundles: a literal relative URL to a script beside the source. (Found in the
 * text, as vite does: a match inside a comment only bundles a worker nobody starts.)
 */
const WORKER_URL = /(\bnew\s+Worker\s*\(\s*)new\s+URL\s*\(\s*(["'])(\.{1,2}\/[^"'\n]+?)\2\s*,\s*import\.meta\.url\s*\)/g;
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * The workers of one build and of the workers it starts: each source once,
 * with the file it is bundled to, in `workers/` beside the artifact.
 */
export class WorkerEntries {
  readonly outputs = new Map<string, string>();
  constructor(private readonly outDir: string) {}

  /** The worker's output file; its name holds a hash of the source's path, so two `worker.ts` in two folders never meet. */
  add(source: string): string {
    let output = this.outputs.get(source);
    if (!output) {
      const stem = path.basename(source).replace(/\.[^.]+$/, "");
      const hash = createHash("sha256").update(source).digest("hex").slice(0, 8);
      output = path.join(this.outDir, "workers", `${stem}-${hash}.mjs`);
      this.outputs.set(source, output);
    }
    return output;
  }

  /**
   * The source with each worker URL to a script that exists rewritten to its
   * bundled file, relative to the artifact (`artifactUrl`, a name in scope)
   * that `fromOutFile` will be; on the same line, so line numbers stay.
   */
  rewrite(text: string, sourceFile: string, fromOutFile: string, artifactUrl: string): string {
    return text.replace(WORKER_URL, (whole, start: string, _quote: string, relative: string) => {
      const worker = path.resolve(path.dirname(sourceFile), relative);
      if (!SCRIPT.test(worker) || !statSync(worker, { throwIfNoEntry: false })?.isFile()) return whole;
      const output = path.relative(path.dirname(fromOutFile), this.add(worker)).split(path.sep).join("/");
      return `${start}new URL(${JSON.stringify(`./${output}`)}, ${artifactUrl})`;
    });
  }
}
