import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ARKOR_BIN, NODE, REPO_ROOT, runInTerminal, type RunResult } from "../../../../scripts/test-utils/index.js";
import { childOutput } from "../../../../scripts/test-utils/childOutput.js";
import { parseEvents } from "../../../../scripts/test-utils/jobs.js";
import { expectWellFormed } from "./jsonEvents.js";
import type { ArkorEvent } from "@arkor/core";

const CREATE_ARKOR_BIN = path.join(REPO_ROOT, "packages/create-arkor/dist/bin.js");
const VERSION = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages/create-arkor/package.json"), "utf8")).version as string;
const TYPESCRIPT_FILES = ["package.json", ".gitignore", "README.md", "tsconfig.json", "src/arkor/index.ts", "src/arkor/trainer.ts"];

/** A temp folder, removed when the test ends. */
function emptyFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-init-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a bin with stdin a pipe that stays open, as under a CI runner or `… | arkor init`: a prompt would wait for ever. */
function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const child = spawn(NODE, [bin, ...args], {
    cwd,
    env: { ...process.env, ARKOR_DEBUG: undefined, FORCE_COLOR: "0", NO_COLOR: "1", npm_config_user_agent: undefined, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
  // Never hangs: a prompt that waited would be killed here, and the test fail on its exit.
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  return childOutput(child).finally(() => clearTimeout(timer));
}
const arkor = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run(ARKOR_BIN, args, cwd, env);

/** Every file below `dir`, relative, except in .git. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !path.relative(dir, entry.parentPath).split(path.sep).includes(".git"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

describe("arkor init", () => {
  it("writes the typescript template into a new folder, piped and with stdin open, and ends with the commands to run next", async () => {
    const cwd = emptyFolder();
    const result = await arkor(["init", "demo", "--skip-install", "--no-git"], cwd);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [`Created an arkor project in demo from the typescript template: ${TYPESCRIPT_FILES.join(", ")}`, "", "Next:", "  cd demo", "  npm install", "  npm run start", ""].join("\n"),
    );
    expect(result.code).toBe(0);
    expect(filesIn(path.join(cwd, "demo"))).toEqual([...TYPESCRIPT_FILES].sort());
    const manifest = JSON.parse(readFileSync(path.join(cwd, "demo/package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "demo",
      private: true,
      type: "module",
      scripts: { build: "arkor build", start: "arkor start src/arkor/index.ts", dev: "arkor dev", typecheck: "tsc --noEmit" },
      devDependencies: { arkor: `^${VERSION}`, "@types/node": `^${process.versions.node.split(".")[0]}.0.0` },
    });
    expect(readFileSync(path.join(cwd, "demo/.gitignore"), "utf8")).toMatch(/^\.arkor\/$/m);
    expect(readFileSync(path.join(cwd, "demo/src/arkor/trainer.ts"), "utf8")).toContain('name: "demo"');
  });

  it("writes into the current folder by default, and names the package after it", async () => {
    const cwd = path.join(emptyFolder(), "My Model");
    mkdirSync(cwd);
    const result = await arkor(["init", "--template", "python", "--skip-install", "--no-git", "--package-manager", "pnpm"], cwd);
    expect(result.stdout).toContain("Created an arkor project in this folder from the python template: package.json, .gitignore, README.md, train.py, tsconfig.json, src/arkor/index.ts, src/arkor/trainer.ts\n");
    expect(result.stdout).toMatch(/Next:\n {2}pnpm install\n {2}pnpm start\n$/);
    expect(JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8")).name).toBe("my-model");
    expect(readFileSync(path.join(cwd, "README.md"), "utf8")).toContain("pnpm start");
    // The bin itself is run through the package manager: typed bare, arkor is not on PATH.
    expect(readFileSync(path.join(cwd, "README.md"), "utf8")).toContain("`pnpm exec arkor jobs` lists every job");
    expect(result.code).toBe(0);
  });

  it("never overwrites: a folder with a package.json stops with the files listed, and nothing is written", async () => {
    const cwd = emptyFolder();
    writeFileSync(path.join(cwd, "package.json"), '{ "name": "mine" }\n');
    writeFileSync(path.join(cwd, "README.md"), "# mine\n");
    const result = await arkor(["init", "-y", "--skip-install"], cwd);
    expect(result.stderr).toBe(
      "error: This folder already has package.json and README.md, and arkor never overwrites a file. Choose an empty or new folder, or pass --force to overwrite them.\n",
    );
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
    expect(filesIn(cwd)).toEqual(["README.md", "package.json"]);
    expect(readFileSync(path.join(cwd, "package.json"), "utf8")).toBe('{ "name": "mine" }\n');

    // --force replaces the template's files, but merges package.json: the project keeps its name, version and dependencies.
    writeFileSync(path.join(cwd, "package.json"), '{ "name": "mine", "version": "1.2.3", "dependencies": { "lodash": "^4.17.21" }, "scripts": { "test": "jest" } }\n');
    const forced = await arkor(["init", "-y", "--skip-install", "--no-git", "--force"], cwd);
    expect(forced.stdout).toContain(
      "\nOverwrote README.md.\nSet arkor's scripts (build, start, dev, typecheck) and dev dependencies in the existing package.json; the rest of it is as it was.\n",
    );
    expect(forced.code).toBe(0);
    const merged = JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"));
    expect(merged).toMatchObject({ name: "mine", version: "1.2.3", dependencies: { lodash: "^4.17.21" }, scripts: { test: "jest", start: "arkor start src/arkor/index.ts" } });
    expect(merged.devDependencies.arkor).toBe(`^${VERSION}`);
    expect(merged).not.toHaveProperty("type");
    expect(readFileSync(path.join(cwd, "README.md"), "utf8")).not.toBe("# mine\n");
  });

  it("says in one line what is wrong with an option, before writing anything", async () => {
    const cwd = emptyFolder();
    const cases: [string[], string][] = [
      [["--template", "pyton"], 'error: Unknown template "pyton". Choose one of typescript, python, slurm with --template <name>.\n'],
      [["--package-manager", "pnmp"], 'error: Unknown package manager "pnmp". Choose one of npm, pnpm, yarn, bun with --package-manager <name>.\n'],
      [["--name", "My Model"], 'error: "My Model" cannot be the package name: it has capital letters. Pass --name <name>, such as --name my-model.\n'],
    ];
    for (const [options, message] of cases) {
      const result = await arkor(["init", "demo", "-y", "--skip-install", ...options], cwd);
      expect(result.stderr, options.join(" ")).toBe(message);
      expect(result.code).toBe(1);
    }
    writeFileSync(path.join(cwd, "taken"), "");
    const file = await arkor(["init", "taken", "-y"], cwd);
    expect(file.stderr).toBe("error: taken is a file, not a folder. Choose another folder for the project.\n");
    expect(readdirSync(cwd)).toEqual(["taken"]);
  });

  it("takes the package manager that ran it, and says when it cannot install (the files stay)", async () => {
    const cwd = emptyFolder();
    const result = await arkor(["init", "demo", "--no-git"], cwd, { npm_config_user_agent: "bun/1.2.0 npm/? node/v20.20.0 linux x64", PATH: path.dirname(NODE) });
    expect(result.stderr).toBe("error: The project is written, but bun is not on PATH. Install bun, or choose another with --package-manager, then run cd demo && bun install.\n");
    expect(result.code).toBe(1);
    expect(filesIn(path.join(cwd, "demo"))).toEqual([...TYPESCRIPT_FILES].sort());
    expect(readFileSync(path.join(cwd, "demo/README.md"), "utf8")).toContain("bun run start");
  });

  it("makes a git repository, except inside one or with --no-git", async () => {
    const cwd = emptyFolder();
    expect((await arkor(["init", "alone", "-y", "--skip-install"], cwd)).stdout).toContain("\nMade it a git repository.\n");
    expect(existsSync(path.join(cwd, "alone/.git"))).toBe(true);
    // A package inside that repository (a monorepo's) is not made one of its own, unless asked.
    expect((await arkor(["init", "alone/packages/inner", "-y", "--skip-install"], cwd)).stdout).not.toContain("Made it a git repository");
    expect(existsSync(path.join(cwd, "alone/packages/inner/.git"))).toBe(false);
    await arkor(["init", "alone/packages/asked", "-y", "--skip-install", "--git"], cwd);
    expect(existsSync(path.join(cwd, "alone/packages/asked/.git"))).toBe(true);
    await arkor(["init", "never", "-y", "--skip-install", "--no-git"], cwd);
    expect(existsSync(path.join(cwd, "never/.git"))).toBe(false);
  });

  it("--json: one init event with what was made, and errors as error events", async () => {
    const cwd = emptyFolder();
    const result = await arkor(["init", "demo", "--template", "slurm", "--skip-install", "--no-git", "--json"], cwd);
    const events = expectWellFormed(parseEvents(result.stdout) as ArkorEvent[], 0);
    expect(events.map((event) => event.type)).toEqual(["init", "end"]);
    expect(events[0]).toMatchObject({
      dir: path.join(cwd, "demo"),
      template: "slurm",
      name: "demo",
      packageManager: "npm",
      files: ["package.json", ".gitignore", "arkor.config.ts", "README.md", "train.py", "tsconfig.json", "src/arkor/index.ts", "src/arkor/trainer.ts"],
      overwritten: [],
      installed: false,
      git: false,
      next: ["cd demo", "npm install", "npm run start"],
    });
    const again = await arkor(["init", "demo", "--json"], cwd);
    expect(parseEvents(again.stdout).map((event) => [event.type, event.code])).toEqual([["error", "FILES_EXIST"], ["end", undefined]]);
    expect(again.code).toBe(1);
  });

  it("asks for the folder (this one, by default) and the template at a terminal", async () => {
    const cwd = emptyFolder();
    const result = await runInTerminal(NODE, [ARKOR_BIN, "init", "--skip-install", "--no-git"], {
      cwd,
      env: { CI: "" },
      answers: [
        ["Project folder (.): ", "\r"],
        ["Template (typescript): ", "2\r"],
      ],
    });
    expect(result.stdout).toContain("  2. python      a command trainer");
    expect(result.stdout).toContain("Created an arkor project in this folder from the python template");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(cwd, "train.py"))).toBe(true);
  });
});

describe("create-arkor (npm create arkor)", () => {
  it("asks for the folder and the template at a terminal; Ctrl-C there writes nothing", async () => {
    const cwd = emptyFolder();
    const answered = await runInTerminal(NODE, [CREATE_ARKOR_BIN, "--skip-install", "--no-git"], {
      cwd,
      env: { CI: "" },
      answers: [
        ["Project folder (arkor-project): ", "trainer\r"],
        ["Template (typescript): ", "slurm\r"],
      ],
    });
    expect(answered.stdout).toContain("Created an arkor project in trainer from the slurm template");
    expect(answered.code).toBe(0);
    expect(readFileSync(path.join(cwd, "trainer/src/arkor/trainer.ts"), "utf8")).toContain('time: "00:30:00"');

    // A folder with files every template writes is refused as soon as it is named, before the template is asked for.
    const taken = await runInTerminal(NODE, [CREATE_ARKOR_BIN, "--skip-install"], { cwd, env: { CI: "" }, answers: [["Project folder (arkor-project): ", "trainer\r"]] });
    expect(taken.stdout).toContain("error: trainer already has package.json, .gitignore, README.md, tsconfig.json, src/arkor/index.ts and src/arkor/trainer.ts, and arkor never overwrites a file.");
    expect(taken.stdout).not.toContain("Template");
    expect(taken.code).toBe(1);

    const stopped = await runInTerminal(NODE, [CREATE_ARKOR_BIN, "--skip-install"], { cwd, env: { CI: "" }, answers: [["Project folder (arkor-project): ", "\u0003"]] });
    expect(stopped.stdout).toContain("error: Cancelled; nothing was written.");
    expect(stopped.code).toBe(130);
    expect(readdirSync(cwd)).toEqual(["trainer"]);
  });

  it("piped, takes arkor-project and the defaults without waiting, and names the manager that ran it", async () => {
    const cwd = emptyFolder();
    const result = await run(CREATE_ARKOR_BIN, ["--skip-install", "--no-git"], cwd, { npm_config_user_agent: "yarn/4.5.0 npm/? node/v20.20.0 linux x64" });
    expect(result.stdout).toMatch(/^Created an arkor project in arkor-project from the typescript template: /);
    expect(result.stdout).toMatch(/Next:\n {2}cd arkor-project\n {2}yarn install\n {2}yarn start\n$/);
    expect(result.code).toBe(0);
  });

  it("says a usage mistake in one line, and shows its help", async () => {
    const cwd = emptyFolder();
    const unknown = await run(CREATE_ARKOR_BIN, ["--frobnicate"], cwd);
    expect(unknown.stderr).toBe("error: Unknown option '--frobnicate'. Run create-arkor --help.\n");
    expect(unknown.code).toBe(1);
    const both = await run(CREATE_ARKOR_BIN, ["--git", "--no-git"], cwd);
    expect(both.stderr).toBe("error: --git and --no-git say opposite things; pass one of them. Run create-arkor --help.\n");
    const help = await run(CREATE_ARKOR_BIN, ["--help"], cwd);
    expect(help.stdout).toContain("Usage: npm create arkor@latest [dir] -- [options]");
    for (const template of ["typescript", "python", "slurm"]) expect(help.stdout).toMatch(new RegExp(`^ {2}${template} +\\S`, "m"));
    expect((await run(CREATE_ARKOR_BIN, ["--version"], cwd)).stdout).toBe(`${VERSION}\n`);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
