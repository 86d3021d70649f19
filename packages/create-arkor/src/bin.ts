#!/usr/bin/env node
// `npm create arkor@latest [dir]` (and pnpm, yarn and bun create): the same scaffolder as `arkor init`.
import { parseArgs } from "node:util";
import { createProject } from "./createProject.js";
import { PACKAGE_MANAGERS } from "./packageManager.js";
import { canPrompt, terminalPrompter } from "./prompter.js";
import { isScaffoldError } from "./scaffoldError.js";
import { summaryLines } from "./summary.js";
import { DEFAULT_TEMPLATE, TEMPLATES } from "./templates.js";

const HELP = `Create an arkor project that builds and starts with no edit.

Usage: npm create arkor@latest [dir] -- [options]
       pnpm create arkor [dir] [options]    (also yarn create, bun create)

Options:
  -t, --template <name>         ${Object.keys(TEMPLATES).join(", ")} (default ${DEFAULT_TEMPLATE})
  --name <name>                 The package name (default: the folder's name)
  --package-manager <name>      ${PACKAGE_MANAGERS.join(", ")} (default: the one that ran this)
  --skip-install                Write the files only; install later
  --git, --no-git               Make it a git repository, or not (default: when git is there and the folder is not in one)
  -y, --yes                     Ask nothing: take the defaults for what the options do not say
  --force                       Overwrite files that exist (never done otherwise)
  -h, --help                    Show this help
  -v, --version                 Show the version

Templates:
${Object.entries(TEMPLATES)
  .map(([name, what]) => `  ${name.padEnd(12)}${what}`)
  .join("\n")}

It asks only at a terminal; piped or in CI it takes the options and the defaults.
The folder defaults to arkor-project; the same scaffolder runs as \`arkor init [dir]\`.
`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        template: { type: "string", short: "t" },
        name: { type: "string" },
        "package-manager": { type: "string" },
        "skip-install": { type: "boolean" },
        git: { type: "boolean" },
        "no-git": { type: "boolean" },
        yes: { type: "boolean", short: "y" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    return usageError(`${(error as Error).message.replace(/\.? To specify a positional argument.*$/s, "")}.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return print(HELP);
  if (values.version) return print(`${(await import("node:module")).createRequire(import.meta.url)("../package.json").version}\n`);
  if (positionals.length > 1) return usageError(`One folder only, got ${positionals.length}: ${positionals.join(" ")}.`);
  if (values.git && values["no-git"]) return usageError("--git and --no-git say opposite things; pass one of them.");

  const interactive = !values.yes && canPrompt(process.stdin, process.stdout, process.env);
  const created = await createProject({
    dir: positionals[0],
    template: values.template,
    name: values.name,
    packageManager: values["package-manager"],
    install: !values["skip-install"],
    git: values.git ? true : values["no-git"] ? false : undefined,
    force: values.force,
    prompter: interactive ? terminalPrompter(process.stdin, process.stdout) : undefined,
    onOutput: (stream, text) => process[stream].write(text),
  });
  for (const warning of created.warnings) process.stderr.write(`warning: ${warning}\n`);
  return print(`${summaryLines(created).join("\n")}\n`);
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`error: ${message} Run create-arkor --help.\n`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isScaffoldError(error) && error.code === "CANCELLED" ? 130 : 1;
  },
);
