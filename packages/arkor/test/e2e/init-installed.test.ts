import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execIn, installFromTarballs, installProject, packTarballs, type InstalledProject } from "../../../../scripts/test-utils/installedProject.js";

// From the packed packages, as a new user gets them: the scaffold is installed with arkor from the tarballs
// (standing in for the registry, which does not have them) and its other dev dependencies from the registry.
const INSTALL_TIMEOUT = 300_000;

let packDir: string;
let tarballs: Map<string, string>;
let tools: InstalledProject;
const made: string[] = [];

beforeAll(async () => {
  packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-packs-"));
  tarballs = packTarballs(packDir);
  // Where `npx arkor init` finds arkor: a project that has it installed, as a user who ran `npm install arkor` somewhere.
  tools = await installFromTarballs("npm", tarballs);
}, INSTALL_TIMEOUT);
afterAll(() => {
  tools?.remove();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  rmSync(packDir, { recursive: true, force: true });
});

function emptyFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-new-user-"));
  made.push(dir);
  return dir;
}

describe("a new project from the packed packages", () => {
  it(
    "arkor init --template typescript: installs, type-checks with tsc, builds and starts with no edit",
    async () => {
      const cwd = emptyFolder();
      const init = await execIn(cwd, path.join(tools.dir, "node_modules/.bin/arkor"), ["init", "demo", "--template", "typescript", "-y", "--skip-install"]);
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      const project = await installProject(path.join(cwd, "demo"), "npm", tarballs);
      const typecheck = await project.exec("npm", ["run", "typecheck"]);
      expect(typecheck.stdout + typecheck.stderr).not.toContain("error TS");
      expect(typecheck.code).toBe(0);
      expect((await project.exec("npx", ["arkor", "build"])).code).toBe(0);
      const start = await project.exec("npx", ["arkor", "start"]);
      expect(start.stdout).toMatch(/^Started job fit-line-\w+$/m);
      expect(start.stdout).toMatch(/^Fitted y = (2\.9|3\.0)\dx \+ (1\.9|2\.0)\d /m);
      expect(start.stdout).toMatch(/^Job fit-line-\w+ finished with status=completed$/m);
      expect(start.code).toBe(0);
      // An edit is what the next `npm run start` runs: the script names the entry, so it builds first.
      project.write("src/arkor/trainer.ts", project.read("src/arkor/trainer.ts").replace("console.log(`Fitted", "console.log(`Refitted"));
      const edited = await project.exec("npm", ["run", "start"]);
      expect(edited.stdout).toMatch(/^Refitted y = /m);
      expect(edited.code).toBe(0);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "npm create arkor (the create-arkor bin) --template python: starts train.py as a job with only python3",
    async () => {
      const cwd = emptyFolder();
      const created = await execIn(cwd, "npx", ["-y", `--package=${tarballs.get("create-arkor")}`, "create-arkor", "py", "--template", "python", "-y", "--skip-install"]);
      expect(created.stderr).toBe("");
      expect(created.stdout).toContain("Created an arkor project in py from the python template");
      expect(created.code).toBe(0);
      const project = await installProject(path.join(cwd, "py"), "npm", tarballs);
      const start = await project.exec("npx", ["arkor", "start"]);
      expect(start.stdout).toContain("fitting 100 points for 200 epochs\n");
      expect(start.stdout).toMatch(/^fitted y = (2\.9|3\.0)\dx \+ (1\.9|2\.0)\d; saved checkpoints\/model\.json$/m);
      expect(start.stdout).toMatch(/finished with status=completed\n/);
      expect(start.code).toBe(0);
      expect(JSON.parse(project.read("checkpoints/model.json"))).toMatchObject({ epoch: 200 });
    },
    INSTALL_TIMEOUT,
  );

  it(
    "pnpm create arkor --template slurm: pnpm's commands, installed with pnpm, runs on the local backend with its resources",
    async () => {
      const cwd = emptyFolder();
      const created = await execIn(cwd, "npx", ["-y", `--package=${tarballs.get("create-arkor")}`, "create-arkor", "cluster", "--template", "slurm", "--package-manager", "pnpm", "-y", "--skip-install"]);
      expect(created.stdout).toMatch(/Next:\n {2}cd cluster\n {2}pnpm install\n {2}pnpm start\n$/);
      const project = await installProject(path.join(cwd, "cluster"), "pnpm", tarballs);
      expect(existsSync(project.path("node_modules/arkor/package.json"))).toBe(true);
      // Its tsconfig suits arkor.config.ts and a command trainer's resources as well as the trainer.
      const typecheck = await project.exec("npx", ["tsc", "--noEmit"]);
      expect(typecheck.stdout + typecheck.stderr).toBe("");
      expect(typecheck.code).toBe(0);
      const start = await project.exec("npx", ["arkor", "start", "--json"]);
      const submitted = start.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line)).find((event) => event.type === "job.submitted");
      expect(submitted).toMatchObject({ backend: "local" });
      expect(start.code).toBe(0);
      const record = JSON.parse(readFileSync(path.join(project.dir, ".arkor/jobs", submitted.jobId, "job.json"), "utf8"));
      expect(record.resources).toMatchObject({ cpus: 1, memory: "1G", time: "00:30:00" });
    },
    INSTALL_TIMEOUT,
  );
});
