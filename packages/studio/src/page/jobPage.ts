import type { JobSummary } from "@arkor/jobs";
import type { JobStreamMessage } from "../jobRoutes.js";
import { drawMetricCharts } from "./chart.js";
import { applyJobMessage, emptyJobState } from "./jobState.js";
import { readJsonLines } from "./jsonLines.js";
import { LogView } from "./logView.js";
import { formatDuration, formatWhen, jobDuration } from "./when.js";
import { $, isLive, perFrame } from "./dom.js";


/** `/jobs/<id>`: one job, whoever started it: its record, charts, whole log, and Cancel while it runs. */
export function showJobPage(id: string): void {
  $("job-view").hidden = false;
  $("job-title").textContent = `Job ${id}`;
  document.title = `${id} · arkor Studio`;
  const state = emptyJobState();
  const log = new LogView($("job-log"));
  for (const stream of ["stdout", "stderr"] as const) {
    const box = $<HTMLInputElement>(`log-${stream}`);
    box.addEventListener("change", () => log.show(stream, box.checked));
  }

  readJsonLines<JobStreamMessage>(`/api/jobs/${encodeURIComponent(id)}/stream`, {
    onMessage(message) {
      applyJobMessage(state, message, (stream, text) => log.append(stream, text), () => log.clear());
      // For measuring (the benchmark reads them): when the job's record came, and when all it wrote had.
      if (message.type === "start" || message.type === "complete") performance.mark(`arkor:job-${message.type}`);
      schedule();
    },
    onRefused(error) {
      $("job-missing").hidden = false;
      $("job-missing").textContent = error;
      // Nothing to show below the reason.
      for (const section of document.querySelectorAll<HTMLElement>("#job-view .job-grid, #job-view .wide")) section.hidden = true;
    },
    onConnection(up) {
      $("connection").textContent = up ? "" : "reconnecting…";
    },
  });

  $("job-cancel").addEventListener("click", () => void cancel(id));
  setInterval(() => state.job && isLive(state.job.status) && schedule(), 1000);

  const schedule = perFrame(render);

  function render(): void {
    const job = state.job;
    if (!job) return;
    const status = $("job-status");
    status.className = `status-${job.status}`;
    status.textContent = `${job.status}${job.exitCode === undefined ? "" : ` · exit ${job.exitCode}`}`;
    const cancelButton = $<HTMLButtonElement>("job-cancel");
    cancelButton.hidden = !isLive(job.status);
    renderDetails(job);
    const progress = $<HTMLProgressElement>("job-progress");
    if (state.total && state.step !== undefined) {
      progress.max = state.total;
      progress.value = state.step;
      $("job-progress-text").textContent = `step ${state.step}/${state.total} (${Math.round((state.step / state.total) * 100)}%) · ${state.reports} reports`;
    } else if (state.reports > 0) {
      progress.value = 0;
      $("job-progress-text").textContent = `${state.reports} reports${state.step === undefined ? "" : `, last step ${state.step}`}`;
    } else {
      progress.value = 0;
      $("job-progress-text").textContent = isLive(job.status) ? "No progress yet" : "No progress reported";
    }
    drawMetricCharts($("job-charts"), state.metrics);
    $("log-count").textContent = `${log.lineCount.toLocaleString("en-US")} lines${state.complete ? "" : isLive(job.status) ? " · following" : ""}${state.warnings.length ? ` · ${state.warnings.length} warnings` : ""}`;
  }

  function renderDetails(job: JobSummary): void {
    const rows: [string, string | undefined][] = [
      ["status", job.status],
      ["exit code", job.exitCode === undefined ? undefined : String(job.exitCode)],
      ["why", job.message],
      ["trainer", job.trainer],
      ["export", job.export],
      ["entry", job.entry],
      ["artifact", job.artifact],
      ["sha256", job.sha256],
      ["backend", job.backend ?? "none (the trainer's own start/wait)"],
      [job.backend === "slurm" ? "Slurm job id" : job.backend === "local" ? "process id" : "backend id", job.backendId],
      ["command", job.command ? job.command.join(" ") : undefined],
      ["resources", job.resources ? Object.entries(job.resources).map(([key, value]) => `${key}=${value}`).join(" ") : undefined],
      ["trainer's job id", job.jobId],
      ["created", formatWhen(job.createdAt)],
      ["started", job.startedAt ? formatWhen(job.startedAt) : undefined],
      ["ended", job.endedAt ? formatWhen(job.endedAt) : undefined],
      ["duration", formatDuration(jobDuration(job))],
      ["arkor process", `pid ${job.owner.pid} on ${job.owner.host}${job.detached ? " (detached)" : ""}`],
    ];
    const list = $("job-details");
    list.replaceChildren(
      ...rows.flatMap(([name, value]) => {
        if (value === undefined) return [];
        const term = document.createElement("dt");
        term.textContent = name;
        const detail = document.createElement("dd");
        detail.dataset.field = name;
        detail.textContent = value;
        return [term, detail];
      }),
    );
  }

  async function cancel(jobId: string): Promise<void> {
    const button = $<HTMLButtonElement>("job-cancel");
    button.disabled = true;
    $("job-notice").textContent = "Cancelling…";
    const response = await fetch(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" });
    const answer = (await response.json()) as { status?: string; error?: string };
    $("job-notice").textContent = response.ok ? `Cancel done: ${answer.status}` : (answer.error ?? `Cancel failed (${response.status})`);
    button.disabled = false;
  }
}
