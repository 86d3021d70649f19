import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { abortOnProcessSignals, jobNotStarted, type ArkorEventBody, type SignalCancellation } from "@arkor/core";
import type { CommandOutput } from "./commandOutput.js";

export interface DetachOptions {
  cwd: string;
  output: CommandOutput;
  /** The arkor bin, started again in the background. */
  bin: string | undefined;
  /** The background process's command line (`start … --json`). */
  args: string[];
  /** The variable that gives the background process its folder of the store (DETACHED_JOB_ENV; passed in, so this module shares no chunk with the CLI's). */
  jobEnv: string;
}

/**
 * `arkor start --detach`: the same start, in a background arkor process of
 * its own session (so closing the terminal does not stop it) that records the
 * run in the store and follows the job to its end. This process relays that
 * run's events from its events.ndjson until the job has started (a build
 * error or a refused submission is said here, with its exit code), then says
 * how to find the job again and exits 0.
 */
export async function detachStart({ cwd, output, bin, args, jobEnv }: DetachOptions): Promise<number> {
  const { emitter } = output;
  if (!bin) throw jobNotStarted("arkor start --detach starts the arkor bin again in the background, and this CLI was not given it (getCli({ bin })). Run it through the arkor command.");
  const { claimJobDir, followEvents, JOB_FILES } = await import("@arkor/jobs");
  const { id, dir } = claimJobDir(cwd);
  const log = path.join(dir, "arkor.log");
  const logFd = openSync(log, "a");
  // It runs with --json, so every event goes to its events.ndjson and stdout holds only their copy: not kept.
  // Its stderr, where only a crash of Node itself would land, is kept.
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    detached: true,
    stdio: ["ignore", "ignore", logFd],
    env: { ...process.env, [jobEnv]: id, FORCE_COLOR: "0" },
  });
  closeSync(logFd);
  child.unref();

  const following = new AbortController();
  const outcome = new Promise<{ exitCode: number } | { crashed: number | string }>((resolve) => {
    const onEvent = (body: ArkorEventBody) => {
      if (body.type === "end") return resolve({ exitCode: body.exitCode });
      emitter.emit(body);
      if (body.type === "job.started") {
        emitter.emit({ type: "job.detached", jobId: id, pid: child.pid! });
        resolve({ exitCode: 0 });
      }
    };
    void followEvents(path.join(dir, JOB_FILES.events), onEvent, following.signal, { pollIntervalMs: 100 });
    // Given a moment first, for the last lines it wrote to be read.
    child.once("exit", (code, signal) => setTimeout(() => resolve({ crashed: code ?? signal ?? "unknown" }), 300));
  });
  // Ctrl-C before the job started: the background run is cancelled as a start in the foreground would be.
  const interrupt = new AbortController();
  const removeHandlers = abortOnProcessSignals(interrupt, output.onForcedExit);
  interrupt.signal.addEventListener("abort", () => child.kill((interrupt.signal.reason as SignalCancellation).signal), { once: true });
  try {
    const result = await outcome;
    // A run that ended before it had a trainer (a build error) made no record: its folder goes.
    const recorded = existsSync(path.join(dir, JOB_FILES.record));
    const why = "crashed" in result ? lastLine(log) : "";
    if (!recorded) rmSync(dir, { recursive: true, force: true });
    if ("exitCode" in result) return result.exitCode;
    throw jobNotStarted(`The background arkor process exited (${result.crashed}) before the job started${why}. Run arkor start without --detach to see why.`);
  } finally {
    following.abort();
    removeHandlers();
  }
}

function lastLine(file: string): string {
  try {
    const last = readFileSync(file, "utf8").trim().split("\n").at(-1);
    return last ? `: ${last}` : "";
  } catch {
    return "";
  }
}
