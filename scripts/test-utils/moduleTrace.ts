import type { TempProject } from "./index.js";

/**
 * Makes a project's runs record every module Node resolves (through the
 * documented module.register hooks): pass `env` to `arkor()`, then `loaded()`
 * lists their URLs, one a line.
 */
export function moduleTrace(project: TempProject): { env: NodeJS.ProcessEnv; loaded(): string } {
  project.write(
    "trace.mjs",
    [
      'import { register } from "node:module";',
      "register(`data:text/javascript,${encodeURIComponent(`",
      'import { appendFileSync } from "node:fs";',
      "export async function resolve(specifier, context, next) {",
      "  const result = await next(specifier, context);",
      '  appendFileSync(process.env.TRACE_FILE, result.url + "\\\\n");',
      "  return result;",
      "}`)}`);",
    ].join("\n"),
  );
  return {
    env: { NODE_OPTIONS: `--import=${project.path("trace.mjs")}`, TRACE_FILE: project.path("loaded.txt") },
    loaded: () => project.read("loaded.txt"),
  };
}
