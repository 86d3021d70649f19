import { describe, expect, it } from "vitest";
import { getCli } from "./getCli.js";

/** A captured output stream; `tty` makes it look like a terminal with 256 colours. */
function output(tty = false) {
  let text = "";
  const stream = { write: (chunk: string) => ((text += chunk), true), isTTY: tty, getColorDepth: () => 8 };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

async function run(argv: string[], { env = {}, tty = false }: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  const stdout = output(tty);
  const stderr = output(tty);
  const code = await getCli({ version: "1.2.3" }).run(argv, { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const GLOBAL_HELP = `arkor 1.2.3: build and run TypeScript training jobs

Usage
  arkor <command> [options]

Commands
  arkor init [dir] [--cwd <dir>] [--json] [--silent] [--template <name>] [--name <name>] [--package-manager <name>] [--skip-install] [--git] [--yes] [--force]
      Start a project: write one that builds and starts with no edit
  arkor build [entry] [--cwd <dir>] [--json] [--silent] [--watch]
      Bundle the trainer into .arkor/build/index.mjs
  arkor start [entry] [--cwd <dir>] [--json] [--silent] [--backend <name>] [--detach] [--cancel-timeout <seconds>] [--env-file <path>] [--no-env-file]
      Run the trainer: start() then wait()
  arkor manifest [--cwd <dir>] [--json] [--silent] [--inspect]
      Show what the last build made, and whether its sources changed since
  arkor jobs [--cwd <dir>] [--json] [--silent]
      List the jobs in the job store, newest first
  arkor jobs logs <id> [--cwd <dir>] [--json] [--silent] [--follow]
      Print a job's output (stdout and stderr)
  arkor jobs wait <id> [--cwd <dir>] [--json] [--silent]
      Attach to a job: its progress and output, until it ends; exit with its exit code
  arkor jobs cancel <id> [--cwd <dir>] [--json] [--silent] [--cancel-timeout <seconds>]
      Stop a running job, through its backend, whoever started it
  arkor jobs prune [--cwd <dir>] [--json] [--silent] [--keep <count>]
      Remove old ended jobs from the job store
  arkor dev [--cwd <dir>] [--json] [--silent] [--port <port>] [--host <host>] [--open]
      Open the Studio: a local web page to build, run, watch and stop the trainer
  arkor help [command]
      Show this help, or a command's
  arkor version
      Print arkor's version

Options
  -h, --help     Show help
  -v, --version  Print arkor's version

Run arkor <command> --help for a command's options, details and examples.
`;

/** Everything before the details, which the command's own usage text owns. */
const BUILD_HELP_HEAD = `Bundle the trainer into .arkor/build/index.mjs

Usage
  arkor build [entry] [--cwd <dir>] [--json] [--silent] [--watch]

Options
  --cwd <dir>   Run against the project in this folder instead of the current one; a relative entry is then relative to it
  --json        Print only NDJSON events on stdout, one per line (arkor's docs/events.md); the trainer's output becomes log events
  -q, --silent  Print only errors (and the trainer's own output)
  -w, --watch   Rebuild on every change to an input until Ctrl-C
  -h, --help    Show this help

Details
`;

const BUILD_HELP_EXAMPLES = `
Examples
  Build the default entry
    $ arkor build
  Build another entry
    $ arkor build src/arkor/experiment.ts
  Rebuild on every save
    $ arkor build --watch
  Build a project in another folder, as NDJSON events
    $ arkor build --cwd apps/trainer --json
`;

describe("arkor help", () => {
  it("lists every command with a usage line that includes its options", async () => {
    const result = await run(["--help"]);
    expect(result.stdout).toBe(GLOBAL_HELP);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each([[[]], [["-h"]], [["help"]], [["help", "--help"]], [["--help", "-h"]], [["version", "--help"]], [["help", "help"]], [["help", "version"]]])("%j shows the same help", async (argv) => {
    expect((await run(argv)).stdout).toBe(GLOBAL_HELP);
  });

  it("describes a command: usage, options with their value names, details, examples", async () => {
    const { stdout } = await run(["build", "--help"]);
    expect(stdout.startsWith(BUILD_HELP_HEAD)).toBe(true);
    expect(stdout.endsWith(BUILD_HELP_EXAMPLES)).toBe(true);
    // The details as clipanion wrapped them, without its trailing spaces.
    expect(stdout).toContain("Bundles the entry (default `src/arkor/index.ts`) with esbuild into one ESM file\n");
    expect(stdout).not.toMatch(/ \n/);
    for (const argv of [["build", "-h"], ["help", "build"], ["build", "src/arkor/x.ts", "--help"]]) expect((await run(argv)).stdout).toBe(stdout);
  });

  it("shows every option of start with its value name", async () => {
    const { stdout } = await run(["start", "--help"]);
    expect(stdout).toContain(
      [
        "Usage",
        "  arkor start [entry] [--cwd <dir>] [--json] [--silent] [--backend <name>] [--detach] [--cancel-timeout <seconds>] [--env-file <path>] [--no-env-file]",
        "",
        "Options",
        "  --cwd <dir>                 Run against the project in this folder instead of the current one; a relative entry is then relative to it",
        "  --json                      Print only NDJSON events on stdout, one per line (arkor's docs/events.md); the trainer's output becomes log events",
        "  -q, --silent                Print only errors (and the trainer's own output)",
        "  --backend <name>            Where a command trainer's job runs: local (default) or slurm; else ARKOR_BACKEND, else the config's backend",
        "  -d, --detach                Exit once the job has started and print its id; the job goes on in the background",
        "  --cancel-timeout <seconds>  Seconds to wait for the job to stop after a cancel (default 10)",
        "  --env-file <path>           Also read this file of KEY=value lines into the environment, after .env and .env.local (repeatable)",
        "  --no-env-file               Read no .env file, not even those named by --env-file",
        "  -h, --help                  Show this help",
        "",
      ].join("\n"),
    );
  });
});

describe("arkor version", () => {
  it.each([[["version"]], [["--version"]], [["-v"]]])("%j prints the version", async (argv) => {
    const result = await run(argv);
    expect(result.stdout).toBe("1.2.3\n");
    expect(result.code).toBe(0);
  });
});

describe("colours", () => {
  it("are off when piped, and on with FORCE_COLOR even when piped, with valid codes only", async () => {
    expect((await run(["--help"])).stdout).not.toContain("\u001b[");
    const forced = await run(["build", "--help"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[1mUsage\u001b[22m\n");
    expect(forced.stdout).toContain("  Build the default entry\n    \u001b[36m$ arkor build\u001b[39m\n");
    // Every SGR code is a valid one: no 256-colour index past 255.
    for (const [, codes] of forced.stdout.matchAll(/\u001b\[([\d;]*)m/g)) expect(codes).toMatch(/^(0|1|22|31|36|39)$/);
  });

  it("follow the terminal unless NO_COLOR or FORCE_COLOR=0 says otherwise", async () => {
    expect((await run(["--help"], { tty: true })).stdout).toContain("\u001b[1mCommands\u001b[22m");
    expect((await run(["--help"], { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await run(["--help"], { tty: true, env: { FORCE_COLOR: "0" } })).stdout).not.toContain("\u001b[");
  });

  it("colour error: on a terminal, for usage errors and for arkor's own errors", async () => {
    const RED_ERROR = "\u001b[31merror:\u001b[39m ";
    expect((await run(["build", "--frobnicate"], { tty: true })).stderr).toBe(`${RED_ERROR}Unknown option --frobnicate. Run arkor build --help.\n`);
    expect((await run(["start", "--cancel-timeout", "soon"], { tty: true })).stderr).toBe(
      `${RED_ERROR}--cancel-timeout must be a number of seconds, got "soon". Example: --cancel-timeout 30.\n`,
    );
    expect((await run(["build", "--frobnicate"])).stderr).toBe("error: Unknown option --frobnicate. Run arkor build --help.\n");
  });
});

describe("usage errors: one line on stderr, exit 1", () => {
  it.each([
    [["build", "--frobnicate"], "Unknown option --frobnicate. Run arkor build --help."],
    [["build", "--cdw", "apps/x"], "Unknown option --cdw. Did you mean --cwd? Run arkor build --help."],
    [["build", "a.ts", "b.ts"], 'Unexpected argument "b.ts": arkor build takes one entry. Run arkor build --help.'],
    [["start", "a.ts", "--", "b.ts"], 'Unexpected argument "b.ts": arkor start takes one entry. Run arkor start --help.'],
    [["build", "--cwd"], "Option --cwd needs a value, as in --cwd <dir>. Run arkor build --help."],
    [["build", "--json=yes"], "Option --json takes no value. Run arkor build --help."],
    [["start", "--silnet"], "Unknown option --silnet. Did you mean --silent? Run arkor start --help."],
    [["manifest", "-x"], "Unknown option -x. Run arkor manifest --help."],
    [["manifest", "src/arkor/index.ts"], 'Unexpected argument "src/arkor/index.ts": arkor manifest takes no arguments. Run arkor manifest --help.'],
    [["start", "--cancel-timeout"], "Option --cancel-timeout needs a value, as in --cancel-timeout <seconds>. Run arkor start --help."],
    [["biuld"], 'Unknown command "biuld". Did you mean arkor build? Run arkor --help to see the commands.'],
    [["frobnicate"], 'Unknown command "frobnicate". Run arkor --help to see the commands.'],
    [["help", "frobnicate"], 'Unknown command "frobnicate". Run arkor --help to see the commands.'],
    [["help", "build", "extra"], 'Unexpected argument "extra": arkor help takes one command. Run arkor --help.'],
    [["--frobnicate"], "Unknown option --frobnicate. Run arkor --help."],
    [["version", "now"], 'Unexpected argument "now": arkor version takes no arguments. Run arkor --help.'],
  ])("%j", async (argv, message) => {
    const result = await run(argv);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });
});

describe("the command lines the bin runs from their parse made at build time", () => {
  it("are clipanion's parse of start and build, with and without --json: every flag at its default", async () => {
    const { preparsedCommandLines } = await import("./staticAnswers.js");
    const defaults = { json: false, silent: false };
    expect(preparsedCommandLines()).toEqual({
      '["start"]': { command: "start", flags: { ...defaults, detach: false, noEnvFile: false } },
      '["start","--json"]': { command: "start", flags: { ...defaults, json: true, detach: false, noEnvFile: false } },
      '["build"]': { command: "build", flags: { ...defaults, watch: false } },
      '["build","--json"]': { command: "build", flags: { ...defaults, json: true, watch: false } },
    });
  });
});
