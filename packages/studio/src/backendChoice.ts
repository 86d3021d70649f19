import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A backend the Run button may use, and why not when it cannot. */
export interface BackendOption {
  name: string;
  usable: boolean;
  reason?: string;
}

/** The choice that passes no `--backend`: the project's (ARKOR_BACKEND, the config's `backend`, else local). */
export const PROJECT_DEFAULT = "default";

/** How long an answer about the cluster is trusted before asking again. */
const PROBE_TTL_MS = 30_000;

/**
 * The backends Run offers here, and the last one chosen: `local` always,
 * `slurm` when its client tools answer. The choice is remembered in
 * `.arkor/studio.json`, so it outlives the page and the server.
 */
export class BackendChoice {
  private probed: { at: number; answer: Promise<BackendOption> } | undefined;

  constructor(
    private readonly cwd: string,
    private readonly probeSlurm: () => Promise<{ usable: true } | { usable: false; reason: string }> = async () =>
      (await import("@arkor/slurm")).probeSlurm(),
  ) {}

  async options(): Promise<BackendOption[]> {
    if (!this.probed || Date.now() - this.probed.at > PROBE_TTL_MS) {
      const answer = this.probeSlurm().then((probe) => ({ name: "slurm", ...probe }));
      this.probed = { at: Date.now(), answer };
    }
    return [{ name: PROJECT_DEFAULT, usable: true }, { name: "local", usable: true }, await this.probed.answer];
  }

  /** The last choice, or the project's default. */
  last(): string {
    try {
      const saved = JSON.parse(readFileSync(this.file(), "utf8")) as { backend?: unknown };
      if (typeof saved.backend === "string") return saved.backend;
    } catch {
      // Never chosen here, or unreadable: the default.
    }
    return PROJECT_DEFAULT;
  }

  /** Checks a choice the page sent: one of the names offered, and usable. Returns why not, or undefined. */
  async refuse(name: string): Promise<string | undefined> {
    const option = (await this.options()).find((candidate) => candidate.name === name);
    if (!option) return `No backend named ${JSON.stringify(name)} here. Choose one of: ${(await this.options()).map((known) => known.name).join(", ")}.`;
    if (!option.usable) return `The ${name} backend cannot be used here: ${option.reason}`;
    return undefined;
  }

  remember(name: string): void {
    const file = this.file();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ backend: name }, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }

  private file(): string {
    return path.join(this.cwd, ".arkor", "studio.json");
  }
}
