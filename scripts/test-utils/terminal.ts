/**
 * Runs a command at a real terminal (a pseudo-terminal from Python's pty module,
 * which every machine here has) and answers its prompts as a person would.
 */
import { spawn } from "node:child_process";
import { childOutput } from "./childOutput.js";
import type { RunResult } from "./index.js";

// Reads the terminal; when the next expected text has appeared, types its answer. Prints what the terminal showed, then exits as the command did.
const DRIVER = String.raw`
import json, os, pty, select, sys
answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
seen = b""
while True:
    ready, _, _ = select.select([fd], [], [], 30)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    seen += data
    if answers and answers[0][0].encode() in seen:
        seen = b""
        os.write(fd, answers.pop(0)[1].encode())
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if os.waitstatus_to_exitcode(status) >= 0 else 128 - os.waitstatus_to_exitcode(status))
`;

/** The terminal's output is all on stdout, with "\r\n" line ends, as a terminal gets it. */
export function runInTerminal(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; answers: [prompt: string, reply: string][] }): Promise<RunResult> {
  const child = spawn("python3", ["-c", DRIVER, JSON.stringify(options.answers), command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, TERM: "xterm", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return childOutput(child);
}
