/** The page's shell; app.js (src/page/main.ts, bundled at build time) fills it from the event stream. */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>arkor Studio</title>
<style>
  :root { font: 14px/1.4 system-ui, sans-serif; color: #1d2433; background: #f4f5f8; }
  body { margin: 0; padding: 16px 24px; }
  [hidden] { display: none !important; }
  header { display: flex; align-items: baseline; gap: 12px; }
  h1 { font-size: 18px; margin: 0; }
  h2 { font-size: 14px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: #5b6478; }
  main { display: grid; grid-template-columns: minmax(300px, 1fr) 2fr; gap: 16px; margin-top: 12px; }
  section { background: #fff; border: 1px solid #dde1ea; border-radius: 6px; padding: 12px; }
  .muted { color: #6b7385; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
  .stale { background: #ffe2b8; color: #8a4b00; }
  .fresh { background: #d7f5df; color: #14632d; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
  dt { color: #6b7385; }
  dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
  ul.messages { list-style: none; margin: 0; padding: 0; }
  ul.messages li { border-left: 3px solid #d33; padding: 4px 8px; margin-bottom: 6px; background: #fff5f5; }
  ul.messages li.warning { border-color: #d98c00; background: #fffaf0; }
  .where { font-family: ui-monospace, monospace; font-weight: 600; }
  pre { margin: 0; font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; }
  #log { height: 220px; overflow: auto; background: #10131a; color: #d7dce6; padding: 8px; border-radius: 4px; }
  button { font: inherit; padding: 4px 16px; border-radius: 4px; border: 1px solid #8a93a6; background: #fff; cursor: pointer; }
  button.primary { background: #2457d6; border-color: #2457d6; color: #fff; }
  button:disabled { opacity: .5; cursor: default; }
  progress { width: 100%; height: 14px; }
  #chart { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 8px; margin: 8px 0; min-height: 60px; color: #6b7385; }
  #chart svg { width: 100%; height: auto; background: #fafbfc; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eceef3; font-size: 13px; white-space: nowrap; }
  td:last-child { white-space: normal; }
  .status-completed { color: #14632d; font-weight: 600; }
  .status-failed, .status-error { color: #b01c1c; font-weight: 600; }
  .status-cancelled { color: #8a4b00; font-weight: 600; }
  .row { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
  .status-running, .status-queued, .status-starting { color: #2457d6; font-weight: 600; }
  .status-timeout, .status-lost { color: #b01c1c; font-weight: 600; }
  a { color: #2457d6; }
  nav a { margin-right: 12px; }
  .wide { margin-top: 16px; }
  #jobs td, #compare-table td { font-family: ui-monospace, monospace; font-size: 12px; }
  #jobs tr.selected { background: #eef3ff; }
  .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 8px; margin: 8px 0; color: #6b7385; }
  .charts svg, #compare-chart svg { width: 100%; height: auto; background: #fafbfc; border-radius: 4px; }
  #compare-chart { max-width: 960px; }
  .log-view { position: relative; height: 420px; overflow: auto; background: #10131a; color: #d7dce6; border-radius: 4px; font: 12px/16px ui-monospace, monospace; }
  .log-view .lines { position: absolute; left: 0; right: 0; padding: 0 8px; }
  .log-view .line { white-space: pre; height: 16px; }
  .log-view .stderr { color: #ff9b8f; }
  .job-grid { display: grid; grid-template-columns: minmax(320px, 1fr) 2fr; gap: 16px; }
  #compare-table th { background: #f4f5f8; }
</style>
</head>
<body>
<header><h1><a href="/" style="color:inherit;text-decoration:none">arkor Studio</a></h1><span id="project-name"></span><span id="project-dir" class="muted"></span><span id="connection" class="muted"></span></header>
<main id="overview" hidden>
  <div>
    <section id="trainer-section">
      <h2>Trainer <span id="stale" class="badge stale" hidden>stale</span><span id="fresh" class="badge fresh" hidden>up to date</span></h2>
      <dl>
        <dt>export</dt><dd id="trainer-export">–</dd>
        <dt>name</dt><dd id="trainer-name">–</dd>
        <dt>entry</dt><dd id="trainer-entry">–</dd>
        <dt>built at</dt><dd id="trainer-built">–</dd>
        <dt>changed</dt><dd id="trainer-changed">–</dd>
      </dl>
      <p id="manifest-error" class="muted" hidden></p>
      <p id="watch-error" class="muted" hidden></p>
    </section>
    <section id="build-section" style="margin-top:16px">
      <h2>Build</h2>
      <p id="build-status" class="muted">Waiting for the first build…</p>
      <ul id="build-messages" class="messages"></ul>
    </section>
    <section id="history-section" style="margin-top:16px">
      <h2>Runs this session</h2>
      <table><thead><tr><th>run</th><th>status</th><th>exit</th><th>duration</th><th>last metric</th></tr></thead><tbody id="history"></tbody></table>
    </section>
  </div>
  <div>
    <section>
      <div class="row">
        <label>backend <select id="backend" title="Where a command trainer's job runs"></select></label>
        <button id="run" class="primary">Run</button>
        <button id="stop" disabled>Stop</button>
        <span id="run-status"></span>
        <a id="run-job" hidden>job page</a>
        <span id="notice" class="muted"></span>
      </div>
      <progress id="progress" max="1" value="0"></progress>
      <div id="progress-text" class="muted">No progress yet</div>
      <div id="chart">No metrics yet</div>
      <pre id="log"></pre>
    </section>
  </div>
  <section id="jobs-section" class="wide" style="grid-column: 1 / -1">
    <div class="row"><h2 style="margin:0">Jobs</h2><span class="muted">every run recorded in .arkor/jobs, from any terminal or cluster</span>
      <button id="compare" disabled>Compare selected</button></div>
    <table id="jobs"><thead><tr><th></th><th>job</th><th>trainer</th><th>backend</th><th>status</th><th>started</th><th>duration</th><th>last metrics</th></tr></thead><tbody id="jobs-body"></tbody></table>
    <p id="jobs-empty" class="muted">No jobs yet: Run, or arkor start in a terminal, records one.</p>
  </section>
</main>
<main id="job-view" hidden style="display:block">
  <div class="row"><a href="/">← all jobs</a><h2 style="margin:0" id="job-title"></h2><span id="job-status"></span>
    <button id="job-cancel" hidden>Cancel</button><span id="job-notice" class="muted"></span></div>
  <p id="job-missing" class="muted" hidden></p>
  <div class="job-grid">
    <section><dl id="job-details"></dl></section>
    <section>
      <progress id="job-progress" max="1" value="0"></progress>
      <div id="job-progress-text" class="muted">No progress yet</div>
      <div id="job-charts" class="charts">No metrics yet</div>
    </section>
  </div>
  <section class="wide">
    <div class="row"><h2 style="margin:0">Log</h2>
      <label><input type="checkbox" id="log-stdout" checked> stdout</label>
      <label><input type="checkbox" id="log-stderr" checked> <span style="color:#c0392b">stderr</span></label>
      <span id="log-count" class="muted"></span></div>
    <div id="job-log" class="log-view" tabindex="0"></div>
  </section>
</main>
<main id="compare-view" hidden style="display:block">
  <div class="row"><a href="/">← all jobs</a><h2 style="margin:0">Compare</h2>
    <label>metric <select id="compare-metric"></select></label>
    <label title="For a metric that falls by orders of magnitude; values must be above 0"><input type="checkbox" id="compare-log"> log scale</label>
    <span id="compare-scale" class="muted"></span>
    <span id="compare-notice" class="muted"></span></div>
  <section>
    <div id="compare-chart"></div>
    <ul id="compare-missing" class="muted"></ul>
  </section>
  <section class="wide"><table id="compare-table"></table></section>
</main>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
