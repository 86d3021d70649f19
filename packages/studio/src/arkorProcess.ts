import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { createEventReader, type ArkorEvent } from "@arkor/core";

/** How to run arkor: the program and the arguments before the command, such as `[process.execPath, "/…/arkor/dist/cli.cjs"]`. */
export type ArkorCommandLine = readonly [string, ...string[]];

export interface ArkorProcess {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Resolves when the child has exited and its output has been read to the end. */
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `arkor <args> --json --cwd <cwd>` as a child and hands each event of
 * its stdout (and each stderr line, as a `log`) to `onEvent`. User code runs
 * only in the child, never in the Studio's process.
 */
export function spawnArkor(arkor: ArkorCommandLine, args: string[], cwd: string, onEvent: (event: ArkorEvent) => void): ArkorProcess {
  const [program, ...prefix] = arkor;
  const child = spawn(program, [...prefix, ...args, "--json", "--cwd", cwd], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group: a Ctrl-C in the terminal reaches only `arkor dev`, which then
    // sends each child one SIGTERM. Reached directly too, a child would take the second
    // signal as "exit now" and skip waiting for cancel().
    detached: true,
    windowsHide: true,
  });
  // A line that is not an event (a grandchild's raw output) comes as a log; on stderr, every line is one.
  const stdout = createEventReader(onEvent);
  const stderr = createEventReader((event) => onEvent(event.type === "log" ? { ...event, stream: "stderr" } : event));
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  // A child that does not read stdin must not crash the server with EPIPE.
  child.stdin.on("error", () => {});
  const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("error", (error) => {
      onEvent({ v: 1, seq: -1, time: Date.now(), type: "error", code: "SPAWN_FAILED", message: `Could not start arkor: ${error.message}` });
    });
    // "close": the process exited and its stdio is drained, so no event comes after.
    child.on("close", (exitCode, signal) => {
      stdout.end();
      stderr.end();
      resolve({ exitCode, signal });
    });
  });
  return { child, exited };
}
