import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import util from "node:util";
import { envFileInvalid } from "@arkor/core";

/** Read from the project root when they exist, in this order (a later file's value wins), as vite and Next.js do. */
export const DEFAULT_ENV_FILES = [".env", ".env.local"];

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=/;

export interface EnvFileOptions {
  cwd: string;
  /**
   * `--env-file` paths, read after the defaults; each must exist. Relative to the folder the
   * command was typed in, not `cwd`: Node itself reads every `--env-file` on the command line
   * from there and stops if it is missing, so a path relative to `--cwd` could never pass both.
   */
  files?: readonly string[];
  /** `--no-env-file`: read none, not even those named. */
  none?: boolean;
  /** Where the variables go; one already set there is never overridden. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads `.env`, `.env.local` and the `--env-file` files into the environment
 * with Node's own parser (`util.parseEnv`), without overriding a variable
 * that was set before; returns the files read, absolute.
 */
export function loadEnvFiles(options: EnvFileOptions): string[] {
  if (options.none) return [];
  const env = options.env ?? process.env;
  const defaults = DEFAULT_ENV_FILES.map((name) => path.join(options.cwd, name)).filter(isFile);
  const named = (options.files ?? []).map((file) => {
    const absolute = path.resolve(file);
    if (!isFile(absolute)) throw envFileInvalid(absolute, "no such file. Check the path given to --env-file.");
    return absolute;
  });
  const files = [...new Set([...defaults, ...named])];
  if (files.length === 0) return [];
  const parseEnv = (util as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;
  if (!parseEnv) {
    throw envFileInvalid(path.relative(options.cwd, files[0]!), `reading it needs Node 20.12 or later (util.parseEnv); this is Node ${process.versions.node}. Upgrade Node, or pass --no-env-file.`);
  }
  const merged: Record<string, string> = {};
  for (const file of files) Object.assign(merged, parseChecked(file, path.relative(options.cwd, file) || file, parseEnv));
  for (const [key, value] of Object.entries(merged)) {
    if (env[key] === undefined) env[key] = value;
  }
  return files;
}

/**
 * The file's variables, after checking that every line is a `KEY=value`, a
 * comment, blank, or part of a quoted value spanning lines: Node's parser
 * skips or mangles anything else without a word, and a typo must not pass.
 */
function parseChecked(file: string, shown: string, parseEnv: (text: string) => Record<string, string>): Record<string, string> {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const parsed = parseEnv(text);
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const key = ASSIGNMENT.exec(line)?.[1];
    if (key === undefined) throw envFileInvalid(`${shown}:${index + 1}`, `"${truncate(line)}" is not a KEY=value line. Quote a value that spans lines, or start a comment with #.`);
    // A quoted value over several lines: its other lines are the value's, not lines of their own.
    index += (parsed[key]?.match(/\n/g) ?? []).length;
  }
  return parsed;
}

function truncate(line: string): string {
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}
