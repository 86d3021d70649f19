import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, moduleTrace, REPO_ROOT } from "../../../../scripts/test-utils/index.js";

const version = JSON.parse(readFileSync(`${REPO_ROOT}/packages/arkor/package.json`, "utf8")).version as string;

describe("arkor's command line", () => {
  it("--version prints the package's version", async () => {
    const result = await createProject().arkor(["--version"]);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
  });

  it.each([["--version"], ["-v"], ["--help"], ["build", "--help"], ["help", "start"]])("%s %s loads no runner, no bundler and no command line framework", async (...argv) => {
    const project = createProject();
    const trace = moduleTrace(project);
    const result = await project.arkor(argv, { env: trace.env });
    expect(result.stdout).toMatch(argv[0] === "--version" || argv[0] === "-v" ? `${version}\n` : /^.+\n\nUsage\n/);
    expect(result.code).toBe(0);
    expect(trace.loaded()).toContain("/packages/arkor/dist/cli.cjs");
    expect(trace.loaded()).not.toMatch(/runner|bundler|esbuild|clipanion|packages\/cli\/|packages\/core\//);
  });

  it("answers every spelling of help and version exactly as the CLI renders it now, plain and coloured", async () => {
    const { getCli, staticCommandLines } = await import("@arkor/cli");
    const project = createProject();
    for (const argv of staticCommandLines()) {
      for (const forceColor of ["0", "1"]) {
        let rendered = "";
        const stdout = { write: (text: string) => ((rendered += text), true), isTTY: false } as unknown as NodeJS.WriteStream;
        await getCli({ version }).run(argv, { stdout, env: { FORCE_COLOR: forceColor } });
        const result = await project.arkor(argv, { env: { FORCE_COLOR: forceColor, NO_COLOR: undefined } });
        expect({ argv, forceColor, stdout: result.stdout, code: result.code }).toEqual({ argv, forceColor, stdout: rendered, code: 0 });
      }
    }
  });

  it.each([["constructor"], ["toString"], ["__proto__"], ["build --help"], [""]])("a command line that only looks like a static answer (%j) goes to the CLI", async (word) => {
    const result = await createProject().arkor([word]);
    expect(result.stderr).toBe(`error: Unknown command "${word}". Run arkor --help to see the commands.\n`);
    expect(result.code).toBe(1);
  });

  it.each([
    ["build", ["build"], "preparsed.js"],
    ["build --json", ["build", "--json"], "preparsed.js"],
    ["build --cwd .", ["build", "--cwd", "."], "index.js"],
  ])("%s loads no runner, and clipanion (bundled in @arkor/cli's index.js) only for a line not parsed when arkor was built", async (_name, args, cliFile) => {
    const project = createProject("trainers");
    const trace = moduleTrace(project);
    const result = await project.arkor(args, { env: trace.env });
    expect(result.code).toBe(0);
    expect(trace.loaded()).toContain(`/packages/cli/dist/${cliFile}`);
    if (cliFile === "preparsed.js") expect(trace.loaded()).not.toContain("/packages/cli/dist/index.js");
    expect(trace.loaded()).not.toMatch(/runner|node_modules\/clipanion|node_modules\/typanion/);
  });

  it("runs the lines parsed when arkor was built as the lines clipanion parses now: same output, same events", async () => {
    const project = createProject("trainers");
    const withoutTimes = (text: string) => text.replace(/ in \d+ ms/g, " in N ms");
    const built = await project.arkor(["build"]);
    const parsedNow = await project.arkor(["build", "--cwd", "."]);
    expect(withoutTimes(built.stdout)).toBe(withoutTimes(parsedNow.stdout));
    expect([built.stderr, built.code]).toEqual([parsedNow.stderr, parsedNow.code]);

    const shape = (stdout: string) => stdout.trim().split("\n").map((line) => {
      const { time: _time, recordId: _recordId, builtAt: _builtAt, ...event } = JSON.parse(line);
      return event;
    });
    const started = await project.arkor(["start", "--json"]);
    const startedNow = await project.arkor(["start", "--json", "--cwd", "."]);
    expect(shape(started.stdout)).toEqual(shape(startedNow.stdout));
    expect(shape(started.stdout).map((event) => event.type)).toEqual(["run.start", "job.started", "job.finished", "end"]);
    expect([started.stderr, started.code]).toEqual([startedNow.stderr, startedNow.code]);
  });

  it("--help lists every command with its options, without colours when piped", async () => {
    const result = await createProject().arkor(["--help"]);
    expect(result.stdout).toBe(
      [
        `arkor ${version}: build and run TypeScript training jobs`,
        "",
        "Usage",
        "  arkor <command> [options]",
        "",
        "Commands",
        "  arkor init [dir] [--cwd <dir>] [--json] [--silent] [--template <name>] [--name <name>] [--package-manager <name>] [--skip-install] [--git] [--yes] [--force]",
        "      Start a project: write one that builds and starts with no edit",
        "  arkor build [entry] [--cwd <dir>] [--json] [--silent] [--watch]",
        "      Bundle the trainer into .arkor/build/index.mjs",
        "  arkor start [entry] [--cwd <dir>] [--json] [--silent] [--backend <name>] [--detach] [--cancel-timeout <seconds>] [--env-file <path>] [--no-env-file]",
        "      Run the trainer: start() then wait()",
        "  arkor manifest [--cwd <dir>] [--json] [--silent] [--inspect]",
        "      Show what the last build made, and whether its sources changed since",
        "  arkor jobs [--cwd <dir>] [--json] [--silent]",
        "      List the jobs in the job store, newest first",
        "  arkor jobs logs <id> [--cwd <dir>] [--json] [--silent] [--follow]",
        "      Print a job's output (stdout and stderr)",
        "  arkor jobs wait <id> [--cwd <dir>] [--json] [--silent]",
        "      Attach to a job: its progress and output, until it ends; exit with its exit code",
        "  arkor jobs cancel <id> [--cwd <dir>] [--json] [--silent] [--cancel-timeout <seconds>]",
        "      Stop a running job, through its backend, whoever started it",
        "  arkor jobs prune [--cwd <dir>] [--json] [--silent] [--keep <count>]",
        "      Remove old ended jobs from the job store",
        "  arkor dev [--cwd <dir>] [--json] [--silent] [--port <port>] [--host <host>] [--open]",
        "      Open the Studio: a local web page to build, run, watch and stop the trainer",
        "  arkor help [command]",
        "      Show this help, or a command's",
        "  arkor version",
        "      Print arkor's version",
        "",
        "Options",
        "  -h, --help     Show help",
        "  -v, --version  Print arkor's version",
        "",
        "Run arkor <command> --help for a command's options, details and examples.",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(0);
  });

  it("FORCE_COLOR=1 colours the help even when piped, as tsup and vite do", async () => {
    const result = await createProject().arkor(["--help"], { env: { FORCE_COLOR: "1", NO_COLOR: undefined } });
    expect(result.stdout).toContain("\u001b[1mCommands\u001b[22m\n");
    expect(result.stdout).not.toContain("38;5;256");
  });

  it.each([
    ["init", "Start a project: write one that builds and starts with no edit", "  arkor init [dir] [--cwd <dir>] [--json] [--silent] [--template <name>] [--name <name>] [--package-manager <name>] [--skip-install] [--git] [--yes] [--force]", "$ arkor init my-model --template python --package-manager pnpm"],
    ["build", "Bundle the trainer into .arkor/build/index.mjs", "  arkor build [entry] [--cwd <dir>] [--json] [--silent] [--watch]", "$ arkor build src/arkor/experiment.ts"],
    ["start", "Run the trainer: start() then wait()", "  arkor start [entry] [--cwd <dir>] [--json] [--silent] [--backend <name>] [--detach] [--cancel-timeout <seconds>] [--env-file <path>] [--no-env-file]", "$ arkor start src/arkor/experiment.ts"],
    ["jobs logs", "Print a job's output (stdout and stderr)", "  arkor jobs logs <id> [--cwd <dir>] [--json] [--silent] [--follow]", "$ arkor jobs logs latest --follow"],
  ])("%s --help shows a description, usage with options, details and examples", async (command, description, usage, example) => {
    const result = await createProject().arkor([...command.split(" "), "--help"]);
    expect(result.stdout.startsWith(`${description}\n\nUsage\n${usage}\n\nOptions\n`)).toBe(true);
    expect(result.stdout).toContain("\nDetails\n");
    expect(result.stdout).toContain(example);
    expect(result.code).toBe(0);
  });

  it.each(["init", "build", "start", "manifest", "jobs", "jobs logs", "jobs wait", "jobs cancel", "jobs prune", "dev"])("%s --help, as rendered, has no Markdown emphasis left in it", async (command) => {
    const result = await createProject().arkor([...command.split(" "), "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\*\*|(^|\s)_\w|\w_(\s|$)/);
  });

  it("arkor version prints the version, as --version does", async () => {
    const result = await createProject().arkor(["version"]);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
  });

  it.each([
    [["biuld"], 'Unknown command "biuld". Did you mean arkor build? Run arkor --help to see the commands.'],
    [["build", "--frobnicate"], "Unknown option --frobnicate. Run arkor build --help."],
    [["build", "a.ts", "b.ts"], 'Unexpected argument "b.ts": arkor build takes one entry. Run arkor build --help.'],
  ])("a usage error %j is one line on stderr and exit 1", async (argv, message) => {
    const result = await createProject().arkor(argv);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("rejects a --cancel-timeout that is not a number of seconds", async () => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", "--cancel-timeout", "soon"]);
    expect(result.stderr).toBe('error: --cancel-timeout must be a number of seconds, got "soon". Example: --cancel-timeout 30.\n');
    expect(result.code).toBe(1);
  });

  it.each([
    ["--cancel-timeout", ["--cancel-timeout", ""], {}, "error: --cancel-timeout is empty; it must be a number of seconds. Example: --cancel-timeout 30.\n"],
    ["ARKOR_CANCEL_TIMEOUT", [], { ARKOR_CANCEL_TIMEOUT: "" }, "error: ARKOR_CANCEL_TIMEOUT is empty; it must be a number of seconds. Example: ARKOR_CANCEL_TIMEOUT=30.\n"],
    ["ARKOR_CANCEL_TIMEOUT", [], { ARKOR_CANCEL_TIMEOUT: "soon" }, 'error: ARKOR_CANCEL_TIMEOUT must be a number of seconds, got "soon". Example: ARKOR_CANCEL_TIMEOUT=30.\n'],
  ])("rejects an empty or non-numeric %s, naming it, before running anything", async (_, args, env, expected) => {
    const project = createProject("trainers");
    const result = await project.arkor(["start", ...args], { env });
    expect(result.stderr).toBe(expected);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });
});
