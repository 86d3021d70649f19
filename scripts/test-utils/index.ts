/**
 * Shared helpers for the end-to-end tests: temp projects made from fixtures,
 * with `arkor` linked in as an install would, and the built bin run on them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { projectFiles, type ProjectFiles } from "./projectFiles.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO_ROOT, "fixtures");
export const ARKOR_BIN = path.join(REPO_ROOT, "packages/arkor/dist/cli.cjs");
/** The Node that runs the bin: the one running the tests, unless ARKOR_TEST_NODE names another. */
export const NODE = process.env.ARKOR_TEST_NODE ?? process.execPath;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TempProject extends ProjectFiles {
  /** Runs the built `arkor` bin in the project and resolves when it exits. */
  arkor(args: string[], options?: RunOptions): Promise<RunResult>;
  /** Starts the built `arkor` bin and returns the live child (for signals). */
  spawnArkor(args: string[], options?: RunOptions): LiveProcess;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface LiveProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves once stdout or stderr contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<RunResult>;
}

export interface CreateProjectOptions {
  /** Packages from the repo's root devDependencies to link into the project's node_modules too, such as ["rolldown"]. */
  link?: string[];
}

/**
 * Copies `fixtures/<name>` (or nothing, for an empty project) into a fresh temp
 * folder outside the repo, links node_modules/arkor to the built package (and
 * any `link` packages to the repo's installed ones), and removes the folder when the test ends.
 */
export function createProject(fixture?: string, files: Record<string, string> = {}, options: CreateProjectOptions = {}): TempProject {
  const dir = mkdtempSync(path.join(os.tmpdir(), `arkor-${fixture ?? "project"}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  if (fixture) cpSync(path.join(FIXTURES, fixture), dir, { recursive: true, filter: (source) => !/[\\/](node_modules|\.arkor)$/.test(source) });
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, "packages/arkor"), path.join(dir, "node_modules/arkor"), "dir");
  for (const name of options.link ?? []) {
    const installed = path.join(REPO_ROOT, "node_modules", name);
    if (!existsSync(installed)) throw new Error(`createProject: ${name} is not installed at the repo root; add it to the root devDependencies.`);
    mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(installed, path.join(dir, "node_modules", name), "dir");
  }
  const project: TempProject = {
    ...projectFiles(dir),
    arkor: (args, options = {}) => spawnArkor(args, { cwd: dir, ...options }).exited,
    spawnArkor: (args, options = {}) => {
      const live = spawnArkor(args, { cwd: dir, ...options });
      // A test that fails half-way must not leave the process (a watcher, a job) running.
      onTestFinished(() => void (live.child.exitCode === null && live.child.signalCode === null && live.child.kill("SIGKILL")));
      return live;
    },
  };
  for (const [file, contents] of Object.entries(files)) project.write(file, contents);
  return project;
}

export function spawnArkor(args: string[], options: RunOptions & { cwd: string }): LiveProcess {
  return spawnNode([ARKOR_BIN, ...args], options);
}

export function spawnNode(args: string[], options: RunOptions & { cwd: string }): LiveProcess {
  const child = spawn(NODE, args, {
    cwd: options.cwd,
    env: { ...process.env, ARKOR_DEBUG: undefined, FORCE_COLOR: "0", NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const onData = () => listeners.forEach((listener) => listener());
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => ((stdout += chunk), onData()));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => ((stderr += chunk), onData()));
  const exited = new Promise<RunResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const matches = (text: string | RegExp) => {
    const all = stdout + stderr;
    return typeof text === "string" ? all.includes(text) : text.test(all);
  };
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitFor: (text, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!matches(text)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for ${String(text)}; output so far:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        exited.then(() => {
          if (!matches(text)) {
            cleanup();
            reject(new Error(`Process exited before printing ${String(text)}; output:\n${stdout}\n${stderr}`));
          }
        });
        check();
      }),
  };
}
export { moduleTrace } from "./moduleTrace.js";
export { runWithTsx } from "./tsx.js";
export { runInTerminal } from "./terminal.js";
