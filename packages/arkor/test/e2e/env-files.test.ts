import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARKOR_BIN, NODE, createProject, type TempProject } from "../../../../scripts/test-utils/index.js";
import { parseEvents } from "../../../../scripts/test-utils/jobs.js";

/** A trainer that prints the variables it sees. */
const TRAINER = `export const trainer = {
  name: "env",
  async start() {
    for (const name of ["FROM_ENV", "FROM_LOCAL", "FROM_EXTRA", "PRESET"]) console.log(\`\${name}=\${process.env[name] ?? "(unset)"}\`);
    return { jobId: "env" };
  },
  async wait() { return { job: { id: "env", status: "completed" } }; },
};
`;

function envProject(files: Record<string, string>): TempProject {
  return createProject(undefined, { "src/arkor/index.ts": TRAINER, ...files });
}

const seen = (stdout: string) => stdout.split("\n").filter((line) => /^[A-Z_]+=/.test(line));

describe("arkor start reads .env files with Node's parser", () => {
  it(".env, then .env.local over it, then --env-file over both; a variable set before wins over every file", async () => {
    const project = envProject({
      ".env": "# shared\nFROM_ENV=env\nFROM_LOCAL=env\nFROM_EXTRA=env\nPRESET=env\n",
      ".env.local": "FROM_LOCAL=local\nFROM_EXTRA=local\n",
      "extra.env": 'FROM_EXTRA="extra,\nover two lines"\n',
    });
    const result = await project.arkor(["start", "--env-file", "extra.env"], { env: { PRESET: "from the shell" } });
    expect(result.stderr).toBe("");
    expect(seen(result.stdout)).toEqual(["FROM_ENV=env", "FROM_LOCAL=local", "FROM_EXTRA=extra,", "PRESET=from the shell"]);
    expect(result.stdout).toContain("FROM_EXTRA=extra,\nover two lines\n");
    expect(result.code).toBe(0);
  });

  it("names the files it read in run.start, and reads none with --no-env-file", async () => {
    const project = envProject({ ".env": "FROM_ENV=env\n", ".env.local": "FROM_LOCAL=local\n" });
    const json = await project.arkor(["start", "--json"]);
    const start = parseEvents(json.stdout).find((event) => event.type === "run.start")!;
    expect(start.envFiles).toEqual([project.path(".env"), project.path(".env.local")]);
    const none = await project.arkor(["start", "--no-env-file", "--json"]);
    expect(parseEvents(none.stdout).find((event) => event.type === "run.start")).not.toHaveProperty("envFiles");
    expect(seen(none.stdout.split("\n").filter((line) => line.includes('"log"')).map((line) => JSON.parse(line).text).join(""))).toEqual([
      "FROM_ENV=(unset)",
      "FROM_LOCAL=(unset)",
      "FROM_EXTRA=(unset)",
      "PRESET=(unset)",
    ]);
  });

  it("a job it launches sees them too", async () => {
    const project = envProject({
      ".env": "JOB_GREETING=hello from .env\n",
      "src/arkor/index.ts": 'import { createTrainer } from "arkor";\nexport const trainer = createTrainer({ name: "job", command: ["sh", "-c", "echo $JOB_GREETING"] });\n',
    });
    const result = await project.arkor(["start"]);
    expect(result.stdout).toContain("hello from .env\n");
    expect(result.code).toBe(0);
  });

  it("a line that is not KEY=value is an error naming file:line, and nothing runs", async () => {
    const project = envProject({ ".env": "FROM_ENV=env\n\n# fine\nFROM_LOCAL\n" });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe('error: .env:4: "FROM_LOCAL" is not a KEY=value line. Quote a value that spans lines, or start a comment with #.\n');
    expect(result.stdout).toBe("");
    expect(result.code).toBe(1);
  });

  it("a missing --env-file stops before anything runs (Node itself reads --env-file wherever it is on the command line)", async () => {
    const project = envProject({});
    const result = await project.arkor(["start", "--env-file", "nope.env"]);
    expect(result.stderr).toMatch(/nope\.env: not found\n$/);
    expect(result.stdout).toBe("");
    expect(result.code).not.toBe(0);
  });

  it("with --cwd, an --env-file path is read from the folder the command is typed in, where Node itself reads it", async () => {
    const project = envProject({ "extra.env": "FROM_EXTRA=extra\n" });
    const parent = path.dirname(project.dir);
    const typed = path.join(path.basename(project.dir), "extra.env");
    const result = await project.arkor(["start", "--cwd", project.dir, "--env-file", typed], { cwd: parent });
    expect(result.stderr).toBe("");
    expect(seen(result.stdout)).toContain("FROM_EXTRA=extra");
    expect(result.code).toBe(0);
    const json = await project.arkor(["start", "--cwd", project.dir, "--env-file", typed, "--json"], { cwd: parent });
    expect(parseEvents(json.stdout).find((event) => event.type === "run.start")?.envFiles).toEqual([project.path("extra.env")]);
  });

  it("says at a terminal, in one line, which files it read", async () => {
    const project = envProject({ ".env": "FROM_ENV=env\n" });
    const command = [NODE, ARKOR_BIN, "start"].map((word) => `'${word}'`).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, TERM: "xterm" }, stdio: ["ignore", "pipe", "inherit"] });
    let screen = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (screen += chunk));
    await new Promise((resolve) => child.on("close", resolve));
    expect(screen).toContain("Environment from .env\r\n");
    expect(screen).toContain("FROM_ENV=env");
  });
});
