import { spawnArkor, type ArkorCommandLine, type ArkorProcess } from "./arkorProcess.js";
import type { EventLog } from "./eventLog.js";

export type StartResult = { ok: true; runId: string } | { ok: false; message: string };

export interface RunsOptions {
  cwd: string;
  arkor: ArkorCommandLine;
  log: EventLog;
  /** After a Stop, how long to wait before SIGKILL: `arkor start` itself gives cancel() 10 s by default, then exits. */
  killAfterMs?: number;
}

interface ActiveRun {
  runId: string;
  process: ArkorProcess;
}

/**
 * The project's runs: each an `arkor start --json` child, one at a time (the
 * project has one trainer). The page sends no path and no arguments: a run is
 * always the project's own trainer.
 */
export class Runs {
  private active: ActiveRun | undefined;
  private count = 0;
  private readonly exits = new Set<Promise<unknown>>();

  constructor(private readonly options: RunsOptions) {}

  get activeRunId(): string | undefined {
    return this.active?.runId;
  }

  /** Starts a run; `backend` is passed as `--backend` (already checked by the caller), else the project's choice stands. */
  start(backend?: string): StartResult {
    if (this.active) {
      return { ok: false, message: `The trainer is already running (${this.active.runId}). Stop it, or wait for it to finish, before starting another run.` };
    }
    const runId = `run-${++this.count}`;
    const { log, cwd, arkor } = this.options;
    log.append({ type: "run.created", runId, time: Date.now(), ...(backend !== undefined && { backend }) });
    const process = spawnArkor(arkor, ["start", ...(backend !== undefined ? ["--backend", backend] : [])], cwd, (event) => log.append({ type: "run.event", runId, event }));
    const run = { runId, process };
    this.active = run;
    const exit = process.exited.then(({ exitCode, signal }) => {
      if (this.active === run) this.active = undefined;
      log.append({ type: "run.exit", runId, exitCode, signal, time: Date.now() });
    });
    this.exits.add(exit);
    void exit.finally(() => this.exits.delete(exit));
    return { ok: true, runId };
  }

  /** SIGTERM to the running child: `arkor start` calls the trainer's cancel() and waits for it, bounded. */
  stop(): StartResult {
    const run = this.active;
    if (!run) return { ok: false, message: "No run is going." };
    terminate(run.process, this.options.killAfterMs ?? 15_000);
    return { ok: true, runId: run.runId };
  }

  /** Stops the running child, if any, and resolves once every child has exited. */
  async stopAll(): Promise<void> {
    if (this.active) this.stop();
    await Promise.all([...this.exits]);
  }
}

/** SIGTERM, then SIGKILL if the child is still there after `killAfterMs`, so none is left behind. */
export function terminate({ child, exited }: ArkorProcess, killAfterMs: number): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  timer.unref();
  void exited.then(() => clearTimeout(timer));
}
