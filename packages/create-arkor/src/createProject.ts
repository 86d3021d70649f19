import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { detectPackageManager, installCommand, isPackageManager, PACKAGE_MANAGERS, runScriptCommand, type PackageManagerName } from "./packageManager.js";
import { packageNameFor, packageNameProblem } from "./packageName.js";
import { projectFiles, type ProjectSettings } from "./projectFiles.js";
import type { Prompter } from "./prompter.js";
import { ScaffoldError } from "./scaffoldError.js";
import { DEFAULT_TEMPLATE, isTemplateName, TEMPLATE_NAMES, TEMPLATES, type TemplateName } from "./templates.js";

export interface CreateProjectOptions {
  /** Where the project goes, relative to `cwd`; asked for (or `defaultDir`) when missing. */
  dir?: string;
  /** The folder used when none is given and none is asked for: "." for `arkor init`, a new folder for `npm create arkor`. */
  defaultDir?: string;
  template?: string;
  /** The package name; by default the folder's name. */
  name?: string;
  /** npm, pnpm, yarn or bun; by default the one that ran us. */
  packageManager?: string;
  /** Run the package manager's install (default true). */
  install?: boolean;
  /** true: `git init`; false: never; undefined: when git is on PATH and the folder is not already in a repository. */
  git?: boolean;
  /** Overwrite files that exist instead of stopping. */
  force?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Asks for what was not given; only on a terminal. Without it, the defaults are taken. */
  prompter?: Prompter;
  /** What the install and git print. */
  onOutput?: (stream: "stdout" | "stderr", text: string) => void;
}

export interface CreatedProject {
  /** The project's folder, absolute. */
  dir: string;
  /** The same, relative to the folder we ran in ("." for that folder itself), as the user would type it. */
  relativeDir: string;
  template: TemplateName;
  name: string;
  packageManager: PackageManagerName;
  /** The files written, relative to `dir`. */
  files: string[];
  /** Those that existed (with `--force`): replaced, except package.json, which is merged (`mergePackageJson`). */
  overwritten: string[];
  installed: boolean;
  git: boolean;
  /** The commands to run next, in order. */
  next: string[];
  /** Things that did not happen and why (a `--git` without git on PATH). */
  warnings: string[];
}

/** Writes a new arkor project, then installs its dependencies and makes it a git repository, as asked. */
export async function createProject(options: CreateProjectOptions = {}): Promise<CreatedProject> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  // What was given is checked before anything is asked.
  if (options.template !== undefined) checkTemplate(options.template);
  const packageManager = choosePackageManager(options.packageManager, env);
  const defaultDir = options.defaultDir ?? "arkor-project";
  const dirArgument = options.dir ?? (await options.prompter?.ask("Project folder", defaultDir)) ?? defaultDir;
  const dir = path.resolve(cwd, dirArgument);
  const shown = path.relative(cwd, dir) || ".";
  const name = options.name ?? packageNameFor(path.basename(dir));
  const problem = packageNameProblem(name);
  if (problem) throw new ScaffoldError("INVALID_OPTION", `"${name}" cannot be the package name: ${problem}. Pass --name <name>, such as --name ${packageNameFor(name)}.`);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ScaffoldError("NOT_A_FOLDER", `${shown} is a file, not a folder. Choose another folder for the project.`);

  const settings = { name, packageManager, arkorRange: `^${ownVersion()}`, nodeTypesRange: `^${process.versions.node.split(".")[0]}.0.0` };
  const refuseExisting = (files: string[]) => {
    const existing = files.filter((file) => existsSync(path.join(dir, file)));
    if (existing.length === 0 || options.force) return existing;
    const where = shown === "." ? "This folder" : shown;
    throw new ScaffoldError("FILES_EXIST", `${where} already has ${listed(existing)}, and arkor never overwrites a file. Choose an empty or new folder, or pass --force to overwrite ${existing.length === 1 ? "it" : "them"}.`);
  };
  // Before asking for the template: a folder that has a file every template writes is refused at once.
  if (options.template === undefined && options.prompter) refuseExisting(filesOfEveryTemplate(settings));
  const template = checkTemplate(options.template ?? (await options.prompter?.choose("Template", TEMPLATES, DEFAULT_TEMPLATE)) ?? DEFAULT_TEMPLATE);
  const files = projectFiles({ template, ...settings });
  const existing = refuseExisting([...files.keys()]);

  // An existing package.json keeps what it has (name, version, dependencies, its type); arkor's scripts and dev dependencies are set in it.
  if (existing.includes("package.json")) files.set("package.json", mergePackageJson(readFileSync(path.join(dir, "package.json"), "utf8"), files.get("package.json")!, shown));
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const warnings: string[] = [];
  const git = initGit(dir, options.git, warnings, options.onOutput);
  const installed = options.install === false ? false : await install(dir, shown, packageManager, options.onOutput);
  const next = [
    ...(shown === "." ? [] : [`cd ${quoted(shown)}`]),
    ...(installed ? [] : [installCommand(packageManager).join(" ")]),
    runScriptCommand(packageManager, "start"),
  ];
  return { dir, relativeDir: shown, template, name, packageManager, files: [...files.keys()], overwritten: existing, installed, git, next, warnings };
}

/** The files all the templates write (package.json, tsconfig.json, src/arkor/index.ts, …). */
function filesOfEveryTemplate(settings: Omit<ProjectSettings, "template">): string[] {
  const [first, ...others] = TEMPLATE_NAMES.map((template) => [...projectFiles({ template, ...settings }).keys()]);
  return first!.filter((file) => others.every((files) => files.includes(file)));
}

function checkTemplate(template: string): TemplateName {
  if (!isTemplateName(template)) throw new ScaffoldError("INVALID_OPTION", `Unknown template "${template}". Choose one of ${TEMPLATE_NAMES.join(", ")} with --template <name>.`);
  return template;
}

function choosePackageManager(asked: string | undefined, env: NodeJS.ProcessEnv): PackageManagerName {
  if (asked === undefined) return detectPackageManager(env);
  if (!isPackageManager(asked)) throw new ScaffoldError("INVALID_OPTION", `Unknown package manager "${asked}". Choose one of ${PACKAGE_MANAGERS.join(", ")} with --package-manager <name>.`);
  return asked;
}

/** `git init`, unless told not to; by default only when git is there and the folder is not already in a repository (a monorepo's package). */
function initGit(dir: string, wanted: boolean | undefined, warnings: string[], onOutput: CreateProjectOptions["onOutput"]): boolean {
  if (wanted === false) return false;
  if (wanted === undefined) {
    const inside = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, encoding: "utf8" });
    if (inside.error || inside.stdout.trim() === "true") return false;
  }
  const result = spawnSync("git", ["init", "--quiet"], { cwd: dir, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    if (result.stderr) onOutput?.("stderr", result.stderr);
    warnings.push(result.error ? "git is not on PATH, so the project is not a git repository." : `git init failed (exit ${result.status}), so the project is not a git repository.`);
    return false;
  }
  return true;
}

/** Runs the package manager's install in the project; its output goes to `onOutput`. */
function install(dir: string, shown: string, manager: PackageManagerName, onOutput: CreateProjectOptions["onOutput"]): Promise<boolean> {
  const [command, ...args] = installCommand(manager);
  const retry = `${shown === "." ? "" : `cd ${quoted(shown)} && `}${installCommand(manager).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (text: string) => onOutput?.("stdout", text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => onOutput?.("stderr", text));
    child.on("error", (error: NodeJS.ErrnoException) => {
      const why = error.code === "ENOENT" ? `${command} is not on PATH` : `${command} could not start (${error.message})`;
      reject(new ScaffoldError("INSTALL_FAILED", `The project is written, but ${why}. Install ${command}, or choose another with --package-manager, then run ${retry}.`));
    });
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(true);
      reject(new ScaffoldError("INSTALL_FAILED", `The project is written, but ${installCommand(manager).join(" ")} failed (${signal ?? `exit ${code}`}; its output is above). Fix what it says, then run ${retry}.`));
    });
  });
}

/** The project's own package.json with the template's scripts and dev dependencies set in it; everything else stays as it was. */
function mergePackageJson(existing: string, template: string, shown: string): string {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(existing) as Record<string, unknown>;
  } catch (error) {
    throw new ScaffoldError("INVALID_OPTION", `${path.join(shown, "package.json")} is not valid JSON (${(error as Error).message}), so arkor cannot add its scripts to it. Fix it, or remove it and run again.`);
  }
  const ours = JSON.parse(template) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
  const dependencies = (manifest.dependencies ?? {}) as Record<string, string>;
  const devDependencies = { ...(manifest.devDependencies as Record<string, string> | undefined) };
  for (const [name, range] of Object.entries(ours.devDependencies)) if (!dependencies[name] && !devDependencies[name]) devDependencies[name] = range;
  const merged = { ...manifest, scripts: { ...(manifest.scripts as Record<string, string> | undefined), ...ours.scripts }, devDependencies };
  return `${JSON.stringify(merged, null, 2)}\n`;
}

function ownVersion(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

function listed(files: string[]): string {
  return files.length === 1 ? files[0]! : `${files.slice(0, -1).join(", ")} and ${files.at(-1)}`;
}

/** A folder as a shell command line needs it. */
function quoted(folder: string): string {
  return /^[\w./@%+=:,-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`;
}
