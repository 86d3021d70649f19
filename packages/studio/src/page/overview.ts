import type { StudioMessage } from "../eventLog.js";
import { drawCharts, format } from "./chart.js";
import { JobsTable } from "./jobsTable.js";
import { apply, emptyState, etaSeconds, where, type RunState } from "./state.js";
import { $, perFrame } from "./dom.js";

const state = emptyState();

/** `/`: the trainer, its build, Run and Stop with the run's progress, and every job of the store. */
export function showOverview(): void {
  $("overview").hidden = false;
  // One stream carries the session; on reconnect the browser sends Last-Event-ID and gets only what it missed.
  const events = new EventSource("/api/events");
  events.onmessage = (message) => {
    apply(state, JSON.parse(message.data) as StudioMessage);
    schedule();
  };
  events.onopen = () => ($("connection").textContent = "");
  events.onerror = () => ($("connection").textContent = "reconnecting…");
  new JobsTable();
  void loadBackends();

  // Before the backends are listed, the choice is the project's own.
  $("run").addEventListener("click", () => {
    const backend = $<HTMLSelectElement>("backend").value;
    void post("/api/run", backend ? { backend } : undefined);
  });
  $("stop").addEventListener("click", () => void post("/api/stop"));
}

/** The backends Run may use here, the last one chosen first; one that cannot be used says why. */
async function loadBackends(): Promise<void> {
  const { backends, last } = (await (await fetch("/api/backends")).json()) as { backends: { name: string; usable: boolean; reason?: string }[]; last: string };
  const select = $<HTMLSelectElement>("backend");
  select.replaceChildren(
    ...backends.map(({ name, usable, reason }) => {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name === "default" ? "project default" : usable ? name : `${name} (unavailable)`;
      option.disabled = !usable;
      if (reason) option.title = reason;
      option.selected = name === last && usable;
      return option;
    }),
  );
}

async function post(path: string, body?: unknown): Promise<void> {
  $("notice").textContent = "";
  const response = await fetch(path, { method: "POST", ...(body !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }) });
  if (!response.ok) $("notice").textContent = ((await response.json()) as { error: string }).error;
}

const schedule = perFrame(() => render());

function render(): void {
  $("project-name").textContent = state.project?.name ?? "";
  $("project-dir").textContent = state.project?.cwd ?? "";
  renderTrainer();
  renderBuild();
  const run = state.runs.at(-1);
  const going = run !== undefined && run.endedAt === undefined;
  $<HTMLButtonElement>("run").disabled = going;
  $<HTMLButtonElement>("stop").disabled = !going;
  if (run) renderRun(run);
  renderHistory();
}

function renderTrainer(): void {
  const event = state.manifest;
  const manifest = event?.manifest;
  $("trainer-export").textContent = manifest?.trainerExport ?? (manifest ? "none found" : "–");
  $("trainer-name").textContent = event?.trainerName ?? "–";
  $("trainer-entry").textContent = manifest?.entry ?? "–";
  $("trainer-built").textContent = manifest ? new Date(manifest.builtAt).toLocaleString() : event ? "not built yet" : "–";
  const changed = [...(event?.changed ?? []), ...(event?.removed ?? [])];
  $("trainer-changed").textContent = changed.length ? changed.map(relative).join(", ") : "–";
  $("stale").hidden = !event?.stale;
  $("fresh").hidden = !event || event.stale || !manifest;
  for (const [id, problem] of [["manifest-error", state.manifestError], ["watch-error", state.watchError]] as const) {
    $(id).hidden = !problem;
    $(id).textContent = problem ?? "";
  }
}

function renderBuild(): void {
  const { building, last } = state.build;
  const status = $("build-status");
  if (building) status.textContent = "Building…";
  else if (last) status.textContent = last.ok ? `Built ${relative(last.entry ?? "")} in ${Math.round(last.durationMs)} ms` : "Build failed: the previous artifact is kept.";
  const list = $("build-messages");
  list.replaceChildren();
  for (const [kind, messages] of [["error", last?.errors ?? []], ["warning", last?.warnings ?? []]] as const) {
    for (const message of messages) {
      const item = document.createElement("li");
      item.className = kind;
      const head = document.createElement("div");
      const at = document.createElement("span");
      at.className = "where";
      at.textContent = where(message);
      head.append(at, ` ${kind}: ${message.text}`, message.plugin ? ` [plugin ${message.plugin}]` : "");
      item.append(head);
      if (message.lineText !== undefined) {
        const code = document.createElement("pre");
        code.textContent = message.lineText;
        item.append(code);
      }
      list.append(item);
    }
  }
}

function renderRun(run: RunState): void {
  const progress = $<HTMLProgressElement>("progress");
  const ended = run.endedAt !== undefined;
  if (run.total && run.step !== undefined) {
    progress.max = run.total;
    progress.value = run.step;
    const eta = ended ? undefined : etaSeconds(run);
    $("progress-text").textContent = `step ${run.step}/${run.total} (${Math.round((run.step / run.total) * 100)}%)${eta === undefined ? "" : ` · ETA ${Math.ceil(eta)}s`}`;
  } else if (ended) {
    progress.value = 0;
    $("progress-text").textContent = "No progress reported";
  } else {
    progress.removeAttribute("value");
    $("progress-text").textContent = "Running…";
  }
  drawCharts($("chart"), run.metrics);
  const log = $("log");
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  if (log.textContent !== run.log) log.textContent = run.log;
  if (atBottom) log.scrollTop = log.scrollHeight;
  const status = $("run-status");
  status.className = `status-${run.status}`;
  status.textContent = `${run.runId}${run.jobId ? ` (job ${run.jobId})` : ""}: ${run.status}${ended ? ` · exit ${run.exitCode ?? "none"}` : ""}`;
  const link = $<HTMLAnchorElement>("run-job");
  link.hidden = run.recordId === undefined;
  if (run.recordId !== undefined) link.href = `/jobs/${encodeURIComponent(run.recordId)}`;
}

function renderHistory(): void {
  const body = $("history");
  body.replaceChildren();
  for (const run of [...state.runs].reverse()) {
    const row = document.createElement("tr");
    row.dataset.runId = run.runId;
    const last = [...run.metrics].map(([name, points]) => `${name}=${format(points.at(-1)!.value)}`).join(" ");
    const duration = run.endedAt === undefined ? "…" : `${((run.endedAt - run.startedAt) / 1000).toFixed(1)}s`;
    for (const [index, text] of [run.runId, run.status, run.exitCode ?? "", duration, last || "–"].entries()) {
      const cell = document.createElement("td");
      cell.textContent = String(text);
      if (index === 1) cell.className = `status-${run.status}`;
      row.append(cell);
    }
    body.append(row);
  }
}

function relative(file: string): string {
  const root = state.project?.cwd;
  return root && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}
