import type { JobSummary } from "@arkor/jobs";
import type { JobsChange } from "../jobsFeed.js";
import { format } from "./chart.js";
import { formatDuration, formatWhen, jobDuration } from "./when.js";
import { $, isLive, perFrame } from "./dom.js";


/**
 * Every job in the store, newest first, live from `/api/jobs`: each row links
 * to the job's page, and its box picks it for Compare. Running jobs' durations tick.
 */
export class JobsTable {
  private readonly jobs = new Map<string, JobSummary>();
  private readonly selected = new Set<string>();
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private readonly schedule = perFrame(() => this.render());

  constructor() {
    const events = new EventSource("/api/jobs");
    events.onmessage = (message) => {
      const change = JSON.parse(message.data) as JobsChange | { type: "jobs"; jobs: JobSummary[] };
      if (change.type === "jobs") {
        this.jobs.clear();
        for (const job of change.jobs) this.jobs.set(job.id, job);
      } else if (change.type === "job") this.jobs.set(change.job.id, change.job);
      else this.jobs.delete(change.id);
      this.schedule();
    };
    $("compare").addEventListener("click", () => {
      location.href = `/compare?jobs=${[...this.selected].map(encodeURIComponent).join(",")}`;
    });
    setInterval(() => [...this.jobs.values()].some((job) => isLive(job.status)) && this.schedule(), 1000);
  }

  private render(): void {
    const jobs = [...this.jobs.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
    for (const id of this.selected) if (!this.jobs.has(id)) this.selected.delete(id);
    for (const id of this.rows.keys()) if (!this.jobs.has(id)) this.rows.delete(id);
    $("jobs-empty").hidden = jobs.length > 0;
    $<HTMLButtonElement>("compare").disabled = this.selected.size < 2;
    // Rows are kept and updated in place, so a click never lands on a row being replaced.
    const rows = jobs.map((job) => {
      const row = this.rows.get(job.id) ?? this.newRow(job.id);
      this.rows.set(job.id, row);
      fill(row, job, this.selected.has(job.id));
      return row;
    });
    const body = $("jobs-body");
    if (rows.length !== body.children.length || rows.some((row, index) => body.children[index] !== row)) body.replaceChildren(...rows);
  }

  private newRow(id: string): HTMLTableRowElement {
    const row = document.createElement("tr");
    row.dataset.jobId = id;
    const pick = document.createElement("input");
    pick.type = "checkbox";
    pick.title = "Compare this job";
    pick.addEventListener("change", () => {
      if (pick.checked) this.selected.add(id);
      else this.selected.delete(id);
      this.schedule();
    });
    const link = document.createElement("a");
    link.href = `/jobs/${encodeURIComponent(id)}`;
    link.textContent = id;
    const cells = [pick, link, ...Array.from({ length: 6 }, () => "")].map((content) => {
      const cell = document.createElement("td");
      cell.append(content);
      return cell;
    });
    row.append(...cells);
    return row;
  }
}

/** Writes a job's facts into its row's cells (the box and the link stay). */
function fill(row: HTMLTableRowElement, job: JobSummary, selected: boolean): void {
  row.classList.toggle("selected", selected);
  (row.cells[0]!.firstChild as HTMLInputElement).checked = selected;
  const metrics = Object.entries(job.lastProgress?.metrics ?? {})
    .map(([name, value]) => `${name}=${format(value)}`)
    .join(" ");
  const step = job.lastProgress?.step;
  const texts = [
    job.trainer ?? "–",
    job.backend ? `${job.backend}${job.backendId ? ` ${job.backendId}` : ""}` : "–",
    `${job.status}${job.exitCode === undefined || isLive(job.status) ? "" : ` · ${job.exitCode}`}`,
    formatWhen(job.startedAt ?? job.createdAt),
    formatDuration(jobDuration(job)),
    [step === undefined ? "" : `step ${step}${job.lastProgress?.total ? `/${job.lastProgress.total}` : ""}`, metrics].filter(Boolean).join(" · ") || "–",
  ];
  texts.forEach((text, index) => {
    const cell = row.cells[index + 2]!;
    if (cell.textContent !== text) cell.textContent = text;
  });
  const status = row.cells[4]!;
  status.className = `status-${job.status}`;
  status.dataset.status = job.status;
  status.title = job.message ?? "";
}
