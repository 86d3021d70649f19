import path from "node:path";
import { REPO_ROOT, spawnNode, type RunResult } from "./index.js";

/** Runs a TypeScript file from source with tsx, as a user would without building: what the artifact must match. */
export function runWithTsx(cwd: string, file: string, args: string[] = []): Promise<RunResult> {
  return spawnNode([path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), file, ...args], { cwd }).exited;
}
