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

  /** Re-reads the manifest; calls while one read is going are folded into one more read after it. */
  refreshManifest(): void {
    if (this.stopped) return;
    if (this.manifest) {
      this.manifestAgain = true;
      return;
    }
    const { arkor, cwd, log } = this.options;
    let result: EventOf<"manifest"> | undefined;
    const problems: string[] = [];
    const onEvent = (event: ArkorEvent) => {
      if (event.type === "manifest") result = event;
      else if (event.type === "error") problems.push(event.message);
      else if (event.type === "log" && event.stream === "stderr") problems.push(event.text.trim());
    };
    const reading = spawnArkor(arkor, ["manifest", "--inspect"], cwd, onEvent);
    this.manifest = reading;
    void reading.exited.then(({ exitCode }) => {
      this.manifest = undefined;
      if (result) log.append({ type: "manifest", event: result });
      else if (!this.stopped) {
        log.append({ type: "studio.error", source: "manifest", message: problems.filter(Boolean).at(-1) ?? `arkor manifest exited with ${exitCode} and no manifest.` });
      }
      if (this.manifestAgain) {
        this.manifestAgain = false;
        this.refreshManifest();
      }
    });
  }

  /** Stops the watcher and any manifest read, and resolves once both have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    const children = [this.watcher, this.manifest].filter((child): child is ArkorProcess => child !== undefined);
    for (const child of children) terminate(child, 5_000);
    await Promise.all(children.map((child) => child.exited));
  }
}
