import type { ArkorEvent, EventOf } from "@arkor/core";
import { spawnArkor, type ArkorCommandLine, type ArkorProcess } from "./arkorProcess.js";
import type { EventLog } from "./eventLog.js";
import { terminate } from "./runs.js";

export interface ProjectWatchOptions {
  cwd: string;
  arkor: ArkorCommandLine;
  log: EventLog;
}

/**
 * Keeps the artifact fresh and the page told: a background
 * `arkor build --watch --json` child, and `arkor manifest --json --inspect`
 * after each build and whenever a page asks (on load).
 */
export class ProjectWatch {
  private watcher: ArkorProcess | undefined;
  private manifest: ArkorProcess | undefined;
  private manifestAgain = false;
  private stopped = false;

  constructor(private readonly options: ProjectWatchOptions) {}

  start(): void {
    const { arkor, cwd, log } = this.options;
    const lines: string[] = [];
    this.watcher = spawnArkor(arkor, ["build", "--watch"], cwd, (event) => {
      if (event.type === "log") lines.push(event.text);
      if (event.type === "error") lines.push(`${event.message}\n`);
      log.append({ type: "build", event });
      if (event.type === "build.end") this.refreshManifest();
    });
    void this.watcher.exited.then(({ exitCode }) => {
      if (this.stopped) return;
      const said = lines.join("").trim().split("\n").at(-1);
      log.append({ type: "studio.error", source: "watch", message: `arkor build --watch stopped (exit ${exitCode})${said ? `: ${said.replace(/\.$/, "")}` : ""}. Restart arkor dev to watch again.` });
    });
  }

  /**
   * Re-reads the manifest; calls while one read is going are folded into one
   * more read after it. `--inspect` adds the trainer's name by importing the
   * artifact; when that fails (an artifact with no trainer, or one that throws
   * as it loads), the plain manifest is read instead, and the error shown.
   */
  refreshManifest(): void {
    if (this.stopped) return;
    if (this.manifest) {
      this.manifestAgain = true;
      return;
    }
    void this.readManifest().finally(() => {
      if (!this.manifestAgain) return;
      this.manifestAgain = false;
      this.refreshManifest();
    });
  }

  private async readManifest(): Promise<void> {
    const { log } = this.options;
    const inspected = await this.manifestOnce(["manifest", "--inspect"]);
    // Stopped meanwhile: the plain read would be a child started after stop(), which nothing waits for.
    if (this.stopped) return;
    const read = inspected.result ? inspected : await this.manifestOnce(["manifest"]);
    if (this.stopped) return;
    if (read.result) log.append({ type: "manifest", event: read.result });
    const problem = inspected.problem ?? read.problem;
    if (problem) log.append({ type: "studio.error", source: "manifest", message: problem });
  }

  private async manifestOnce(args: string[]): Promise<{ result?: EventOf<"manifest">; problem?: string }> {
    const { arkor, cwd } = this.options;
    let result: EventOf<"manifest"> | undefined;
    const problems: string[] = [];
    const onEvent = (event: ArkorEvent) => {
      if (event.type === "manifest") result = event;
      else if (event.type === "error") problems.push(event.message);
      else if (event.type === "log" && event.stream === "stderr") problems.push(event.text.trim());
    };
    const reading = spawnArkor(arkor, args, cwd, onEvent);
    this.manifest = reading;
    const { exitCode } = await reading.exited;
    this.manifest = undefined;
    if (result) return { result };
    return { problem: problems.filter(Boolean).at(-1) ?? `arkor ${args.join(" ")} exited with ${exitCode} and no manifest.` };
  }

  /** Stops the watcher and any manifest read, and resolves once both have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    const children = [this.watcher, this.manifest].filter((child): child is ArkorProcess => child !== undefined);
    for (const child of children) terminate(child, 5_000);
    await Promise.all(children.map((child) => child.exited));
  }
}
