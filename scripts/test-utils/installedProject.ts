/**
 * Projects that install arkor the way users get it: from the packed tarballs,
 * with npm or pnpm, in a fresh folder outside the repo.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { childOutput } from "./childOutput.js";
import { FIXTURES, NODE, REPO_ROOT, type RunResult } from "./index.js";
import { projectFiles, type ProjectFiles } from "./projectFiles.js";

export type PackageManager = "npm" | "pnpm";

/** `pnpm@<version>` from the root package.json, run through npx as the README does. */
export const PNPM: string = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).packageManager;

/** Runs scripts/pack.mjs once into `destination` and returns the tarballs by package name. */
export function packTarballs(destination: string): Map<string, string> {
  const packed = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts/pack.mjs"), destination], { encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`scripts/pack.mjs failed:\n${packed.stdout}\n${packed.stderr}`);
  const tarballs = new Map<string, string>();
  for (const tarball of packed.stdout.trim().split("\n")) {
    const manifest = JSON.parse(tarEntry(tarball, "package/package.json")) as { name: string };
    tarballs.set(manifest.name, tarball);
  }
  return tarballs;
}

export function tarEntries(tarball: string): string[] {
  return run("tar", ["-tzf", tarball]).trim().split("\n");
}

export function tarEntry(tarball: string, entry: string): string {
  return run("tar", ["-xzOf", tarball, entry]);
}

export interface InstalledProject extends ProjectFiles {
  /** Runs a command (`npx`, `node`, …) in the project, under the Node being tested. */
  exec(command: string, args: string[]): Promise<RunResult>;
  remove(): void;
}

/**
 * Installs `arkor` from its tarball into a new project in os.tmpdir(). Its
 * `@arkor/*` dependencies are pinned to their tarballs with the manager's
 * overrides, standing in for the registry, which does not have them.
 */
export async function installFromTarballs(
  manager: PackageManager,
  tarballs: Map<string, string>,
  /** The project's own dependencies besides arkor, from the registry. */
  dependencies: Record<string, string> = {},
): Promise<InstalledProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `arkor-installed-${manager}-`));
  const manifest = { name: `arkor-installed-${manager}`, private: true, type: "module", dependencies: { arkor: "*", ...dependencies } };
  projectFiles(dir).write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return installProject(dir, manager, tarballs);
}

/**
 * Installs the project in `dir` (one that asks for arkor, such as `arkor init`
 * wrote) with arkor and `@arkor/*` pinned to their tarballs, and returns it.
 * On failure the folder is removed and the manager's output thrown.
 */
export async function installProject(dir: string, manager: PackageManager, tarballs: Map<string, string>): Promise<InstalledProject> {
  const project: InstalledProject = {
    ...projectFiles(dir),
    exec: (command, args) => execIn(dir, command, args),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  const manifest = JSON.parse(project.read("package.json")) as Record<string, Record<string, string> | unknown>;
  const arkor = `file:${tarballs.get("arkor")}`;
  for (const field of ["dependencies", "devDependencies"]) {
    const ranges = manifest[field] as Record<string, string> | undefined;
    if (ranges?.arkor) ranges.arkor = arkor;
  }
  const overrides = Object.fromEntries([...tarballs].filter(([name]) => name !== "arkor").map(([name, tarball]) => [name, `file:${tarball}`]));
  if (manager === "npm") manifest.overrides = overrides;
  else manifest.pnpm = { overrides };
  project.write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  const installed =
    manager === "npm"
      ? await project.exec("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"])
      : await project.exec("npx", ["-y", PNPM, "install"]);
  if (installed.code !== 0) {
    project.remove();
    throw new Error(`${manager} install failed (exit ${installed.code}):\n${installed.stdout}\n${installed.stderr}`);
  }
  return project;
}

/**
 * Copies the pnpm workspace `fixtures/<fixture>` into a new folder in
 * os.tmpdir() and installs it with pnpm, `arkor` and `@arkor/*` pinned to
 * their tarballs with the root's overrides (the registry does not have them).
 */
export async function installWorkspaceFromTarballs(fixture: string, tarballs: Map<string, string>): Promise<InstalledProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `arkor-workspace-${fixture}-`));
  const project: InstalledProject = {
    ...projectFiles(dir),
    exec: (command, args) => execIn(dir, command, args),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true, filter: (source) => !/[\\/](node_modules|\.arkor)$/.test(source) });
  const manifest = JSON.parse(project.read("package.json")) as Record<string, unknown>;
  manifest.pnpm = { overrides: Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`])) };
  project.write("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  const installed = await project.exec("npx", ["-y", PNPM, "install"]);
  if (installed.code !== 0) {
    project.remove();
    throw new Error(`pnpm install of fixtures/${fixture} failed (exit ${installed.code}):\n${installed.stdout}\n${installed.stderr}`);
  }
  return project;
}

export function execIn(cwd: string, command: string, args: string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = {};
  // A user's shell: none of the npm_* settings `pnpm test` passes down (but the registry, which may be a mirror), no debug output.
  for (const [key, value] of Object.entries(process.env)) {
    const fromScript = /^npm_/i.test(key) && !/^npm_config_registry$/i.test(key);
    if (!fromScript && key !== "ARKOR_DEBUG" && key !== "NODE_OPTIONS") env[key] = value;
  }
  // `npx`, npm, pnpm and the bin's `#!/usr/bin/env node` all run on the Node being tested.
  env.PATH = `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ""}`;
  env.NO_COLOR = "1";
  env.FORCE_COLOR = "0";
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  return childOutput(child);
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/**
 * Every installed copy of a package under `root`: real folders only, so
 * pnpm's symlinks count once, as the one folder in node_modules/.pnpm they point to.
 */
export function installedCopies(root: string, name: string): string[] {
  const copies: string[] = [];
  const visit = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue; // a symlink is not a copy
      const folder = path.join(nodeModules, entry.name);
      if (entry.name.startsWith("@") || entry.name === ".pnpm") {
        for (const inner of readdirSync(folder, { withFileTypes: true })) {
          if (!inner.isDirectory()) continue;
          const innerFolder = path.join(folder, inner.name);
          if (entry.name === ".pnpm") visit(path.join(innerFolder, "node_modules"));
          else visitPackage(innerFolder, `${entry.name}/${inner.name}`);
        }
        continue;
      }
      visitPackage(folder, entry.name);
    }
  };
  const visitPackage = (folder: string, packageName: string) => {
    if (packageName === name && existsSync(path.join(folder, "package.json"))) copies.push(folder);
    visit(path.join(folder, "node_modules"));
  };
  visit(path.join(root, "node_modules"));
  return copies;
}
