import type { TempProject } from "./index.js";

/**
 * Makes a project's runs record every module Node resolves (through the
 * documented module.register hooks): pass `env` to `arkor()`, then `loaded()`
 * lists their URLs, one a line, and `builtins()` the built-in modules the
 * process loaded by any means (`require` included), as `node:crypto`.
 */
export function moduleTrace(project: TempProject): { env: NodeJS.ProcessEnv; loaded(): string; builtins(): string[] } {
  project.write(
    "trace.mjs",
    [
      'import { appendFileSync } from "node:fs";',
      'import { register } from "node:module";',
      "process.on(\"exit\", () => appendFileSync(process.env.TRACE_FILE + \".builtins\", process.moduleLoadList.filter((name) => name.startsWith(\"NativeModule \")).map((name) => `node:${name.slice(13)}\\n`).join(\"\")));",
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
    builtins: () => project.read("loaded.txt.builtins").split("\n").filter(Boolean),
  };
}
