import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The configuration files that steered a build besides its sources, to record
 * as inputs (so editing one makes the build stale and `build --watch` rebuilds):
 * for each source folder, the tsconfig esbuild applies there (the nearest
 * `tsconfig.json`, else `jsconfig.json`, outside node_modules) with every file
 * it `extends`, and the nearest `package.json` (its `type`, `exports`, `imports`
 * and `sideEffects` decide how the folder's files are read and resolved).
 */
export function configInputs(sources: readonly string[]): string[] {
  const found = new Set<string>();
  const nearest = new Map<string, { tsconfig?: string; packageJson?: string }>();
  const lookup = (dir: string): { tsconfig?: string; packageJson?: string } => {
    let answer = nearest.get(dir);
    if (answer) return answer;
    const parent = path.dirname(dir);
    const above = parent === dir ? {} : lookup(parent);
    const inNodeModules = dir.split(path.sep).includes("node_modules");
    const tsconfig = inNodeModules ? undefined : ["tsconfig.json", "jsconfig.json"].map((name) => path.join(dir, name)).find(isFile);
    const packageJson = path.join(dir, "package.json");
    answer = { tsconfig: tsconfig ?? above.tsconfig, packageJson: isFile(packageJson) ? packageJson : above.packageJson };
    nearest.set(dir, answer);
    return answer;
  };
  for (const dir of new Set(sources.map((source) => path.dirname(source)))) {
    const { tsconfig, packageJson } = lookup(dir);
    if (tsconfig) addWithExtends(tsconfig, found);
    if (packageJson) found.add(packageJson);
  }
  return [...found];
}

/** Adds `tsconfig` and, depth first, each file it extends (a path, or a package's tsconfig as TypeScript finds it). */
function addWithExtends(tsconfig: string, found: Set<string>): void {
  if (found.has(tsconfig)) return;
  found.add(tsconfig);
  let extended: unknown;
  try {
    extended = extendsOf(readFileSync(tsconfig, "utf8"));
  } catch {
    return; // Unreadable: esbuild reports it, and the file is recorded, so fixing it rebuilds.
  }
  for (const name of typeof extended === "string" ? [extended] : Array.isArray(extended) ? extended : []) {
    if (typeof name !== "string") continue;
    const file = resolveExtends(name, tsconfig);
    if (file) addWithExtends(file, found);
  }
}

/**
 * The `extends` of a tsconfig's text. TypeScript reads tsconfig as JSONC
 * (comments, trailing commas), so jsonc-parser, the parser VS Code uses for it,
 * reads what JSON.parse cannot; it is loaded only then (loading it costs more than most builds spend on tsconfig).
 */
function extendsOf(text: string): unknown {
  if (!text.includes("extends")) return undefined;
  try {
    return (JSON.parse(text) as { extends?: unknown } | null)?.extends;
  } catch {
    const jsonc = createRequire(import.meta.url)("jsonc-parser") as typeof import("jsonc-parser");
    return (jsonc.parse(text, [], { allowTrailingComma: true }) as { extends?: unknown } | undefined)?.extends;
  }
}

function resolveExtends(name: string, from: string): string | undefined {
  const dir = path.dirname(from);
  if (name.startsWith(".") || path.isAbsolute(name)) {
    const file = path.resolve(dir, name);
    return [file, `${file}.json`].find(isFile);
  }
  // A package: its `tsconfig.json` subpath or `exports`, as TypeScript resolves `extends`.
  const require = createRequire(from);
  for (const request of [name, `${name}.json`, `${name}/tsconfig.json`]) {
    try {
      return require.resolve(request);
    } catch {
      // Try the next spelling.
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}
