import { ArkorError, type ArkorErrorCode } from "@arkor/core";
import { Command, Option } from "clipanion";
import type { CommandOutput } from "../commandOutput.js";
import { ArkorCommand } from "./ArkorCommand.js";

export class InitCommand extends ArkorCommand {
  static paths = [["init"]];

  static usage = Command.Usage({
    description: "Start a project: write one that builds and starts with no edit",
    details: `
      Writes \`package.json\` (arkor as a dev dependency; scripts \`build\`, \`start\`, \`dev\` and \`typecheck\`), a \`tsconfig.json\` for arkor, \`src/arkor/index.ts\` and \`trainer.ts\`, \`.gitignore\` and a short README into \`dir\` (default: the current folder), then installs the dependencies and makes it a git repository. \`npm create arkor@latest [dir]\` runs the same scaffolder.

      Templates: \`typescript\` (a trainer in TypeScript that reports its progress), \`python\` (a command trainer that runs \`train.py\`, standard library only) and \`slurm\` (the same with resources and the config for a Slurm cluster).

      It never overwrites a file: when one exists, it lists them and stops, unless \`--force\`. At a terminal it asks for what the options leave out (the folder, the template); piped, in CI, with \`--yes\` or \`--json\` it asks nothing and takes the defaults. It ends with the commands to run next.
    `,
    examples: [
      ["Start a TypeScript project in the current folder", "$0 init"],
      ["A Python project in a new folder, installed with pnpm", "$0 init my-model --template python --package-manager pnpm"],
      ["Write the files only, asking nothing", "$0 init my-model --template slurm --skip-install -y"],
    ],
  });

  dir = Option.String({ required: false, name: "dir" });

  // The shared flags, said as they apply here: init runs no trainer.
  override cwd = Option.String("--cwd", {
    description: "Run in this folder (it must exist) instead of the current one: the project goes there, or into dir relative to it",
  });

  override json = Option.Boolean("--json", false, {
    description: "Print only NDJSON events on stdout, one per line (arkor's docs/events.md); what the install prints becomes log events",
  });

  override silent = Option.Boolean("-q,--silent", false, {
    description: "Print only errors (and what the install prints)",
  });

  template = Option.String("-t,--template", {
    description: "typescript (default), python or slurm",
  });

  name = Option.String("--name", {
    description: "The package name (default: the folder's name)",
  });

  packageManager = Option.String("--package-manager", {
    description: "npm, pnpm, yarn or bun (default: the one that ran arkor)",
  });

  skipInstall = Option.Boolean("--skip-install", false, {
    description: "Write the files only; install later",
  });

  git = Option.Boolean("--git", {
    description: "Make it a git repository, or never with --no-git (default: when git is there and the folder is in none)",
  });

  yes = Option.Boolean("-y,--yes", false, {
    description: "Ask nothing: take the defaults for what the options do not say",
  });

  force = Option.Boolean("--force", false, {
    description: "Overwrite files that exist (never done otherwise)",
  });

  async run(output: CommandOutput): Promise<number> {
    // Loaded here: no other command needs the scaffolder.
    const { canPrompt, createProject, isScaffoldError, terminalPrompter } = await import("create-arkor");
    const { stdin, stdout, env } = this.context;
    const interactive = !this.yes && !this.json && canPrompt(stdin, stdout, env);
    try {
      const created = await createProject({
        dir: this.dir,
        defaultDir: ".",
        cwd: this.projectRoot(),
        env,
        template: this.template,
        name: this.name,
        packageManager: this.packageManager,
        install: !this.skipInstall,
        git: this.git,
        force: this.force,
        prompter: interactive ? terminalPrompter(stdin, stdout) : undefined,
        onOutput: (stream, text) => output.emitter.emit({ type: "log", stream, text }),
      });
      for (const message of created.warnings) output.emitter.emit({ type: "warning", code: "INIT_INCOMPLETE", message });
      const { dir, template, name, packageManager, files, overwritten, installed, git, next } = created;
      output.emitter.emit({ type: "init", dir, template, name, packageManager, files, overwritten, installed, git, next });
      return 0;
    } catch (error) {
      if (!isScaffoldError(error)) throw error;
      const code: ArkorErrorCode = error.code === "NOT_A_FOLDER" ? "INVALID_OPTION" : error.code;
      throw Object.assign(new ArkorError(code, error.message), error.code === "CANCELLED" ? { exitCode: 130 } : {});
    }
  }
}
