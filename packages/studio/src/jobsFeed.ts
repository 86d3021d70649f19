import { statSync } from "node:fs";
import path from "node:path";
import { isLiveStatus, type JobRecord } from "@arkor/core";
import { JOB_FILES, currentRecord, isOwnerAlive, jobDir, listJobIds, readRecord, summarizeJob, type BackendLoader, type JobSummary } from "@arkor/jobs";

export type JobsChange = { type: "job"; job: JobSummary } | { type: "job.removed"; id: string };

export interface JobsFeedOptions {
  cwd: string;
  /** Built-in backends only: the Studio never loads the project's config (user code) in its own process. */
  loadBackend: BackendLoader;
  /** How often the store is looked at. Default 500 ms: a job started elsewhere shows within a second. */
  scanIntervalMs?: number;
  /** How often a job's backend may be asked about it, when no arkor process follows it (as `arkor jobs wait` does). Default 2000 ms. */
  backendIntervalMs?: number;
}

interface Known {
  /** What the job's files looked like when its summary was made: a change means reading again. */
  stamp: string;
  summary: JobSummary;
  /** When its backend was last asked about it. */
  askedAt: number;
}

/**
 * Every job of the store, kept current for the page: the folder is looked at
 * twice a second (stat calls; a record is read again only when its files
 * changed), and a job that says it runs while its arkor process is gone is
 * settled with its backend in the background, through the same reader as
 * `arkor jobs`, so a slow cluster never holds up the list.
 */
export class JobsFeed {
  private readonly known = new Map<string, Known>();
  private readonly listeners = new Set<(change: JobsChange) => void>();
  private readonly settling = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JobsFeedOptions) {}

  /** Reads the store now, then keeps looking. */
  start(): void {
    this.scan();
    this.timer = setInterval(() => this.scan(), this.options.scanIntervalMs ?? 500);
    this.timer.unref();
  }

  /** Stops looking; resolves once no backend is being asked. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.settling.values());
  }

  /** Every job, newest first. */
  list(): JobSummary[] {
    return [...this.known.keys()].sort().reverse().map((id) => this.known.get(id)!.summary);
  }

  get(id: string): JobSummary | undefined {
    return this.known.get(id)?.summary;
  }

  subscribe(listener: (change: JobsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One look at the store, now (cheap: a readdir, a few stat calls per job,
   * and reading only what changed); backends are asked in the background.
   */
  scan(): void {
    const { cwd } = this.options;
    const ids = listJobIds(cwd);
    const present = new Set(ids);
    for (const id of [...this.known.keys()]) {
      if (present.has(id)) continue;
      this.known.delete(id);
      this.publish({ type: "job.removed", id });
    }
    for (const id of ids) {
      try {
        this.look(id);
      } catch {
        // A record that is not one (a damaged owner, a hand-edited file): left out, as arkor jobs leaves it out.
      }
    }
  }

  /** Reads one job again if its files changed, and has its backend asked about it when no arkor process follows it. */
  private look(id: string): void {
    const { cwd } = this.options;
    const stamp = stampOf(jobDir(cwd, id));
    const known = this.known.get(id);
    if (!known || known.stamp !== stamp) {
      const record = readRecord(jobDir(cwd, id));
      // Not written yet (a run that just claimed its folder), or not this folder's record.
      if (record?.id !== id) return;
      this.update(id, { stamp, summary: summarizeJob(cwd, record), askedAt: known?.askedAt ?? 0 });
    }
    const current = this.known.get(id)!;
    const due = Date.now() - current.askedAt >= (this.options.backendIntervalMs ?? 2000);
    if (isLiveStatus(current.summary.status) && due && !this.settling.has(id) && !isOwnerAlive(current.summary.owner)) {
      current.askedAt = Date.now();
      this.settle(id, current.summary);
    }
  }

  /** Asks the job's backend how it stands (a Slurm job may have ended; a local one whose process is gone is lost). */
  private settle(id: string, record: JobRecord): void {
    const { cwd, loadBackend } = this.options;
    const settling = currentRecord(cwd, record, loadBackend)
      .then((settled) => {
        const known = this.known.get(id);
        if (settled === record || !known) return;
        // Written back: stamped now, so the record just written is not taken for news.
        this.update(id, { stamp: stampOf(jobDir(cwd, id)), summary: summarizeJob(cwd, settled), askedAt: known.askedAt });
      })
      .catch(() => {
        // The backend did not answer: the record stays as it was, and it is asked again later.
      })
      .finally(() => this.settling.delete(id));
    this.settling.set(id, settling);
  }

  private update(id: string, next: Known): void {
    const before = this.known.get(id);
    this.known.set(id, next);
    if (!before || JSON.stringify(before.summary) !== JSON.stringify(next.summary)) this.publish({ type: "job", job: next.summary });
  }

  private publish(change: JobsChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/** Size and time of the files a summary is made from. */
function stampOf(dir: string): string {
  return [JOB_FILES.record, JOB_FILES.progress, JOB_FILES.events]
    .map((name) => {
      try {
        const stat = statSync(path.join(dir, name));
        return `${stat.size}:${stat.mtimeMs}`;
      } catch {
        return "-";
      }
    })
    .join(",");
}
