import type { JobSummary } from "@arkor/jobs";
import type { JobSeries } from "../jobRoutes.js";
import { COLORS, canLogScale, format, lineChart, type Series } from "./chart.js";
import type { Columns } from "./downsample.js";
import { formatDuration, formatWhen, jobDuration } from "./when.js";
import { $, isLive } from "./dom.js";


interface Compared {
  job: JobSummary;
  metrics: Map<string, Columns>;
  reports: number;
}

/**
 * `/compare?jobs=a,b&metric=loss`: one metric of several jobs on one chart
 * (shared axes, a legend naming each job), and their settings and final
 * metrics side by side. Read again every few seconds while one still runs.
 */
export function showComparePage(): void {
  $("compare-view").hidden = false;
  document.title = "Compare · arkor Studio";
  const params = new URLSearchParams(location.search);
  const ids = [...new Set((params.get("jobs") ?? "").split(",").filter(Boolean))];
  let metric = params.get("metric") ?? undefined;
  let compared: Compared[] = [];
  const select = $<HTMLSelectElement>("compare-metric");
  const logScale = $<HTMLInputElement>("compare-log");
  logScale.checked = params.get("scale") === "log";
  logScale.addEventListener("change", () => {
    const url = new URL(location.href);
    if (logScale.checked) url.searchParams.set("scale", "log");
    else url.searchParams.delete("scale");
    history.replaceState(null, "", url);
    render();
  });
  select.addEventListener("change", () => {
    metric = select.value;
    const url = new URL(location.href);
    url.searchParams.set("metric", metric);
    history.replaceState(null, "", url);
    render();
  });

  if (ids.length < 2) {
    $("compare-notice").textContent = "Choose two or more jobs on the jobs list, then Compare selected.";
    return;
  }

  const load = async () => {
    try {
      const answers = await Promise.all(ids.map((id) => fetch(`/api/jobs/${encodeURIComponent(id)}/series`).then(async (response) => [id, response.ok, await response.json()] as const)));
      const problems = answers.filter(([, ok]) => !ok).map(([, , body]) => (body as { error: string }).error);
      $("compare-notice").textContent = problems.join(" ");
      compared = answers.filter(([, ok]) => ok).map(([, , body]) => toCompared(body as JobSeries));
      render();
      if (compared.some((entry) => isLive(entry.job.status))) setTimeout(() => void load(), 3000);
    } catch {
      // The server is away (restarting): ask again.
      $("compare-notice").textContent = "reconnecting…";
      setTimeout(() => void load(), 3000);
    }
  };
  void load();

  function render(): void {
    const names = [...new Set(compared.flatMap((entry) => [...entry.metrics.keys()]))].sort();
    if (metric === undefined || !names.includes(metric)) metric = names.includes("loss") ? "loss" : names[0];
    select.replaceChildren(
      ...names.map((name) => {
        const option = document.createElement("option");
        option.value = option.textContent = name;
        option.selected = name === metric;
        return option;
      }),
    );
    const series: Series[] = [];
    const missing: string[] = [];
    compared.forEach((entry, index) => {
      const line = metric === undefined ? undefined : entry.metrics.get(metric);
      if (line) series.push({ label: jobLabel(entry.job), color: COLORS[index % COLORS.length]!, ...line });
      else missing.push(`${jobLabel(entry.job)} does not report ${metric ?? "any metric"}.`);
    });
    $("compare-chart").replaceChildren(...(series.length > 0 && metric ? [lineChart(metric, series, { legend: true, width: 800, height: 320, logY: logScale.checked })] : []));
    $("compare-scale").textContent = logScale.checked && !canLogScale(series) ? `${metric} has values of 0 or below: drawn on a linear scale.` : "";
    $("compare-missing").replaceChildren(
      ...missing.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    renderTable(names);
  }

  function renderTable(metricNames: string[]): void {
    const rows: [string, (entry: Compared) => string][] = [
      ["status", ({ job }) => `${job.status}${job.exitCode === undefined ? "" : ` · exit ${job.exitCode}`}`],
      ["trainer", ({ job }) => job.trainer ?? "–"],
      ["backend", ({ job }) => (job.backend ? `${job.backend}${job.backendId ? ` (${job.backendId})` : ""}` : "–")],
      ["command", ({ job }) => job.command?.join(" ") ?? "–"],
      ["resources", ({ job }) => (job.resources ? Object.entries(job.resources).map(([key, value]) => `${key}=${value}`).join(" ") : "–")],
      ["artifact sha256", ({ job }) => job.sha256.slice(0, 12)],
      ["started", ({ job }) => formatWhen(job.startedAt ?? job.createdAt)],
      ["duration", ({ job }) => formatDuration(jobDuration(job))],
      ["reports", ({ reports }) => String(reports)],
      ...metricNames.map((name): [string, (entry: Compared) => string] => [
        `final ${name}`,
        ({ metrics }) => {
          const line = metrics.get(name);
          return line ? format(line.values.at(-1)!) : "–";
        },
      ]),
    ];
    const table = $("compare-table");
    const head = document.createElement("tr");
    head.append(cell("th", ""), ...compared.map((entry, index) => {
      const th = cell("th", "");
      const link = document.createElement("a");
      link.href = `/jobs/${encodeURIComponent(entry.job.id)}`;
      link.textContent = entry.job.id;
      link.style.color = COLORS[index % COLORS.length]!;
      th.append(link);
      return th;
    }));
    table.replaceChildren(
      head,
      ...rows.map(([name, value]) => {
        const row = document.createElement("tr");
        row.dataset.row = name;
        row.append(cell("th", name), ...compared.map((entry) => cell("td", value(entry))));
        return row;
      }),
    );
  }
}

function toCompared(body: JobSeries): Compared {
  return { job: body.job, metrics: new Map(Object.entries(body.metrics)), reports: body.reports };
}

/** A job as a legend names it: its id and trainer. */
function jobLabel(job: JobSummary): string {
  return job.trainer ? `${job.id} (${job.trainer})` : job.id;
}

function cell(kind: "td" | "th", text: string): HTMLTableCellElement {
  const element = document.createElement(kind);
  element.textContent = text;
  return element;
}
