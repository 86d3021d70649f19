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

/** What Run can always use: the project's own choice, and this machine. */
const ALWAYS: readonly BackendOption[] = [
  { name: PROJECT_DEFAULT, usable: true },
  { name: "local", usable: true },
];

/** How long an answer about the cluster is trusted before asking again. */
const PROBE_TTL_MS = 30_000;

/**
 * The backends Run offers here, and the last one chosen: `local` always,
 * `slurm` when its client tools answer. The choice is remembered in
 * `.arkor/studio.json`, so it outlives the page and the server.
 */
export class RunBackends {
  private probed: { at: number; answer: Promise<BackendOption> } | undefined;

  constructor(
    private readonly cwd: string,
    private readonly probeSlurm: () => Promise<{ usable: true } | { usable: false; reason: string }> = async () =>
      (await import("@arkor/slurm")).probeSlurm(),
  ) {
    // Asked at once, so the answer is there when the page first wants it.
    void this.slurm();
  }

  async options(): Promise<BackendOption[]> {
    return [...ALWAYS, await this.slurm()];
  }

  /** Whether Slurm answers here, asked again after PROBE_TTL_MS (a cluster that comes up, or goes down). */
  private slurm(): Promise<BackendOption> {
    if (!this.probed || Date.now() - this.probed.at > PROBE_TTL_MS) {
      const answer = this.probeSlurm().then((probe) => ({ name: "slurm", ...probe }));
      this.probed = { at: Date.now(), answer };
    }
    return this.probed.answer;
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

  /** Checks a choice the page sent: one of the names offered, and usable (only slurm waits for the cluster's answer). Returns why not, or undefined. */
  async refuse(name: string): Promise<string | undefined> {
    if (ALWAYS.some((option) => option.name === name)) return undefined;
    if (name !== "slurm") return `No backend named ${JSON.stringify(name)} here. Choose one of: ${[...ALWAYS.map((option) => option.name), "slurm"].join(", ")}.`;
    const slurm = await this.slurm();
    return slurm.usable ? undefined : `The slurm backend cannot be used here: ${slurm.reason}`;
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
