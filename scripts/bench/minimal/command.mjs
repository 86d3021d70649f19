// The floor under `arkor start` of a command trainer: spawn the command, wait for it to exit.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: "inherit" });
child.on("exit", (code) => (process.exitCode = code ?? 1));
