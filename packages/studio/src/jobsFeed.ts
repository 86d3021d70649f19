import { statSync } from "node:fs";
import { isLiveStatus } from "@arkor/core";
import { JOB_FILES, currentRecord, isOwnerAlive, jobDir, listJobIds, readRecord, summarizeJob, type BackendLoader, type JobSummary } from "@arkor/jobs";
import path from "node:path";

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
  /** What the job's files looked like when last read: a change means reading again. */
  stamp: string;
  summary: JobSummary;
  askedAt: number;
}

/**
 * Every job of the store, kept current for the page: the folder is looked at
 * twice a second (stat calls; a record is read again only when its files
 * changed), and a job that says it runs while its arkor process is gone is
 * settled with its backend, through the same reader as `arkor jobs`.
 */
export class JobsFeed {
  private readonly known = new Map<string, Known>();
  private readonly listeners = new Set<(change: JobsChange) => void>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;

  constructor(private readonly options: JobsFeedOptions) {}

  /** Reads the store now, then keeps looking; resolves after the first read. */
  async start(): Promise<void> {
    await this.scan();
    this.timer = setInterval(() => void this.scan(), this.options.scanIntervalMs ?? 500);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.scanning ?? Promise.resolve();
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

  /** One look at the store; a look asked for while one runs is that one. */
  scan(): Promise<void> {
    return (this.scanning ??= this.scanOnce().finally(() => (this.scanning = undefined)));
  }

  private async scanOnce(): Promise<void> {
    const { cwd } = this.options;
    const ids = listJobIds(cwd);
    const present = new Set(ids);
    for (const id of [...this.known.keys()]) {
      if (present.has(id)) continue;
      this.known.delete(id);
      this.publish({ type: "job.removed", id });
    }
    for (const id of ids) {
      const stamp = stampOf(jobDir(cwd, id));
      const known = this.known.get(id);
      let summary = known?.summary;
      if (!known || known.stamp !== stamp) {
        const record = readRecord(jobDir(cwd, id));
        // Not written yet (a run that just claimed its folder), or not a record: nothing to show.
        if (!record) continue;
        summary = summarizeJob(cwd, record);
      }
      let askedAt = known?.askedAt ?? 0;
      if (isLiveStatus(summary!.status) && !isOwnerAlive(summary!.owner) && Date.now() - askedAt >= (this.options.backendIntervalMs ?? 2000)) {
        askedAt = Date.now();
        const settled = await currentRecord(cwd, summary!, this.options.loadBackend).catch(() => summary!);
        if (settled !== summary) summary = summarizeJob(cwd, settled);
      }
      // Stamped after settling, so the record written back is not taken for news.
      this.known.set(id, { stamp: stampOf(jobDir(cwd, id)), summary: summary!, askedAt });
      if (!known || !sameSummary(known.summary, summary!)) this.publish({ type: "job", job: summary! });
    }
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

function sameSummary(a: JobSummary, b: JobSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
