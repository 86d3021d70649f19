import { accessSync, constants } from "node:fs";
import path from "node:path";

/** Why a command could not be started, in one line that says what to change (`python4: command not found`, and where arkor looked). */
export function spawnErrorMessage(error: unknown, command: readonly string[], cwd: string, searchPath: string): string {
  const program = command[0]!;
  const code = (error as NodeJS.ErrnoException)?.code;
  const hasSlash = program.includes("/") || program.includes(path.sep);
  const where = hasSlash ? path.resolve(cwd, program) : undefined;
  if (code === "ENOENT") {
    if (where) return `${program}: no such file (${where}). Fix the trainer's command, whose paths are relative to the project root.`;
    return `${program}: command not found. Searched PATH: ${searchPath || "(empty)"}. Install it, or give its full path in the trainer's command.`;
  }
  if (code === "EACCES") {
    const file = where ?? findOnPath(program, searchPath) ?? program;
    return `${program}: permission denied (${file}). Make it executable (chmod +x ${program}), or run it through its interpreter, such as ["sh", "${program}"].`;
  }
  return `Cannot run ${program}: ${(error as Error)?.message ?? String(error)}.`;
}

function findOnPath(program: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, program);
    try {
      accessSync(file, constants.F_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
