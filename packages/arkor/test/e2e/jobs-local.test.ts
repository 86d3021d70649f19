import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProject, moduleTrace, spawnNode, type TempProject } from "../../../../scripts/test-utils/index.js";
import type { JobRecord } from "../../../core/src/jobRecord.js";
import { isGroupAlive, jobRecords, parseEvents, processAlive, untilFile } from "../../../../scripts/test-utils/jobs.js";

/** The python fixture with its trainer's command given other arguments. */
function pythonProject(args: string[] = [], more = ""): TempProject {
  return createProject("python-trainer", {
    "src/arkor/index.ts": [
      'import { createArkor, createTrainer } from "arkor";',
      "export const arkor = createArkor({",
      `  trainer: createTrainer({ name: "house-prices-py", command: ${JSON.stringify(["python3", "train.py", ...args])}, env: { SEED: "1" }${more} }),`,
      "});",
      "",
    ].join("\n"),
  });
}

const startedId = (stdout: string) => /Started job (\S+)/.exec(stdout)![1]!;

/** `arkor start` of the python fixture, killed with SIGKILL once its job trains: the job's record, as that leaves it. */
async function startThenKillArkor(project: TempProject): Promise<JobRecord> {
  const run = project.spawnArkor(["start"]);
  await run.waitFor("training on 200 houses");
  run.child.kill("SIGKILL");
  await run.exited;
  return jobRecords(project)[0]!;
}

describe("command trainers on the local backend", () => {
  it("run the python fixture to completed: progress events, its logs, a record of the run in the store", async () => {
    const project = createProject("python-trainer");
    const result = await project.arkor(["start", "--json"]);
    expect(result.code).toBe(0);
    const events = parseEvents(result.stdout);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 5)).toEqual(["build.start", "build.end", "run.start", "job.submitted", "job.started"]);
    expect(types.at(-2)).toBe("job.finished");
    const submitted = events.find((event) => event.type === "job.submitted")!;
    expect(submitted).toMatchObject({ backend: "local", command: ["python3", "train.py", "--epochs", "200"] });
    const progress = events.filter((event) => event.type === "job.progress");
    expect(progress).toHaveLength(200);
    expect(progress.at(-1)).toMatchObject({ jobId: submitted.jobId, step: 200, total: 200 });
    expect(progress.at(-1)!.metrics!.r2).toBeGreaterThan(0.9);
    expect((progress[0]!.metrics!.loss as number) > (progress.at(-1)!.metrics!.loss as number)).toBe(true);
    const logged = events.filter((event) => event.type === "log" && event.stream === "stdout").map((event) => event.text).join("");
    expect(logged).toContain("training on 200 houses (seed 1) for 200 epochs\n");
    expect(logged).toMatch(/done: loss=\d+\.\d+ r2=0\.9\d+\n/);
    expect(events.find((event) => event.type === "job.finished")).toMatchObject({ jobId: submitted.jobId, status: "completed", exitCode: 0 });

    const [record] = jobRecords(project);
    // run.start names the record before anything else happens, so a host can link the run to its job from the start.
    expect(events.find((event) => event.type === "run.start")).toMatchObject({ recordId: record!.id });
    expect(record).toMatchObject({ id: submitted.jobId, jobId: submitted.jobId, trainer: "house-prices-py", backend: "local", status: "completed", exitCode: 0, entry: "src/arkor/index.ts" });
    expect(record.command).toEqual(["python3", "train.py", "--epochs", "200"]);
    expect(record.resources).toEqual({ cpus: 1, memory: "500M", time: "00:10:00" });
    const dir = `.arkor/jobs/${record.id}`;
    expect(project.read(`${dir}/stdout.log`)).toBe(logged);
    // The store keeps the run's whole event stream, exactly as --json printed it.
    expect(project.read(`${dir}/events.ndjson`)).toBe(result.stdout);
    expect(project.read(`${dir}/progress.ndjson`).trim().split("\n")).toHaveLength(200);
    expect(JSON.parse(project.read("checkpoints/model.json"))).toMatchObject({ epoch: 200 });
  });

  it("a failing script is failed, says why in one line, and exits 1", async () => {
    const project = pythonProject(["--fail", "3"]);
    const result = await project.arkor(["start"]);
    const id = startedId(result.stdout);
    expect(result.stdout).toContain(`Job ${id} finished with status=failed\n`);
    expect(result.stderr).toContain("failing on purpose\n");
    expect(result.stderr).toContain(`error: job ${id} failed: python3 train.py --fail 3 exited with code 3.\n`);
    expect(result.code).toBe(1);
    expect(jobRecords(project)[0]).toMatchObject({ status: "failed", exitCode: 1, message: "python3 train.py --fail 3 exited with code 3" });
  });

  it("a command that cannot be spawned is one line naming it and the PATH searched", async () => {
    const project = createProject("python-trainer", {
      "src/arkor/index.ts": 'import { createTrainer } from "arkor";\nexport const trainer = createTrainer({ command: ["python4", "train.py"] });\n',
    });
    const result = await project.arkor(["start"], { env: { PATH: `/nowhere:${process.env.PATH}` } });
    expect(result.stderr).toBe(`error: python4: command not found. Searched PATH: /nowhere:${process.env.PATH}. Install it, or give its full path in the trainer's command.\n`);
    expect(result.code).toBe(1);
  });

  it("a mistake in the trainer's resources is one line at createTrainer, naming the field", async () => {
    const project = createProject("python-trainer", {
      "src/arkor/index.ts": 'import { createTrainer } from "arkor";\nexport const trainer = createTrainer({ command: ["python3", "train.py"], resources: { gpu: 1 } });\n',
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toBe(
      'error: The trainer threw while loading: createTrainer({...}): resources.gpu is not a resource arkor understands; did you mean "gpus"? Known: cpus, memory, gpus, time. (at src/arkor/index.ts:2:24)\n',
    );
    expect(result.code).toBe(1);
  });

  it("reports a malformed progress line once, with its line number, and goes on", async () => {
    const project = pythonProject(["--epochs", "3"]);
    project.write("sitecustomize.py", 'import os\nif os.environ.get("ARKOR_PROGRESS_FILE"):\n    open(os.environ["ARKOR_PROGRESS_FILE"], "a").write("loss=0.5\\n")\n');
    const result = await project.arkor(["start", "--json"], { env: { PYTHONPATH: project.dir } });
    const events = parseEvents(result.stdout);
    const warnings = events.filter((event) => event.type === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "PROGRESS_LINE_INVALID", line: 1 });
    expect(warnings[0]!.message).toMatch(/^Skipped line 1 of the progress file: it is not JSON/);
    expect(events.filter((event) => event.type === "job.progress").map((event) => event.step)).toEqual([1, 2, 3]);
    expect(result.code).toBe(0);
  });

  it("Ctrl-C of an attached start cancels the job: SIGTERM to its group, its handler saves a checkpoint, exit 130", async () => {
    const project = pythonProject(["--sleep", "0.05"]);
    const run = project.spawnArkor(["start"]);
    await run.waitFor("training on 200 houses");
    const [record] = jobRecords(project);
    run.child.kill("SIGINT");
    const result = await run.exited;
    const id = startedId(result.stdout);
    expect(result.stdout).toMatch(/SIGTERM: saved checkpoint at epoch \d+ to checkpoints\/model\.json\n/);
    expect(result.stdout).toContain(`Job ${id} finished with status=cancelled\n`);
    expect(result.code).toBe(130);
    expect(JSON.parse(project.read("checkpoints/model.json"))).toMatchObject({ interrupted: true });
    expect(isGroupAlive(record.handle!.pid as number)).toBe(false);
    expect(jobRecords(project)[0]).toMatchObject({ status: "cancelled", exitCode: 130 });
  });

  it("leaves no process of a cancelled job, even one that ignores SIGTERM (checked by process group)", async () => {
    const project = createProject("python-trainer", {
      "src/arkor/index.ts":
        'import { createTrainer } from "arkor";\nexport const trainer = createTrainer({ command: ["sh", "-c", "trap \'\' TERM; python3 train.py --sleep 0.05 & sleep 300 & wait"] });\n',
    });
    const run = project.spawnArkor(["start", "--cancel-timeout", "1"]);
    await run.waitFor("training on 200 houses");
    const pgid = jobRecords(project)[0]!.handle!.pid as number;
    run.child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.code).toBe(143);
    expect(result.stdout).toContain("finished with status=cancelled\n");
    expect(isGroupAlive(pgid)).toBe(false);
  });

  it("ends a job at its resources.time with status timeout", async () => {
    const project = pythonProject(["--sleep", "0.1"], ', resources: { time: "00:00:02" }');
    const result = await project.arkor(["start"]);
    const id = startedId(result.stdout);
    expect(result.stdout).toContain(`Job ${id} finished with status=timeout\n`);
    expect(result.stderr).toContain(`error: job ${id} timeout: python3 train.py --sleep 0.1 hit its time limit of 00:00:02.\n`);
    expect(result.code).toBe(1);
  });

  it("runTrainer() runs a command trainer as arkor start does: its files in a temp folder, or in the store with record: true", async () => {
    const project = pythonProject(["--epochs", "5"]);
    await project.arkor(["build"]);
    project.write(
      "api.mjs",
      [
        'import { existsSync } from "node:fs";',
        'import { runTrainer } from "arkor";',
        "const types = new Set();",
        'const outcome = await runTrainer(".arkor/build/index.mjs", { onEvent: (event) => types.add(event.type), record: process.argv[2] === "record" });',
        'console.log(JSON.stringify({ status: outcome.status, exitCode: outcome.exitCode, types: [...types], store: existsSync(".arkor/jobs") }));',
        "",
      ].join("\n"),
    );
    const run = async (...args: string[]) => JSON.parse((await spawnNode([project.path("api.mjs"), ...args], { cwd: project.dir }).exited).stdout);
    const inTemp = await run();
    expect(inTemp).toMatchObject({ status: "completed", exitCode: 0, store: false });
    expect([...inTemp.types].sort()).toEqual(["end", "job.finished", "job.progress", "job.started", "job.status", "job.submitted", "log", "run.start"]);
    expect((await run("record")).store).toBe(true);
    expect(jobRecords(project)[0]).toMatchObject({ status: "completed", backend: "local" });
  });

  it("two starts at once keep separate records, logs and progress", async () => {
    const project = pythonProject(["--epochs", "40", "--sleep", "0.01"]);
    await project.arkor(["build"]);
    const [first, second] = await Promise.all([project.arkor(["start"]), project.arkor(["start"])]);
    expect([first!.code, second!.code]).toEqual([0, 0]);
    const records = jobRecords(project);
    expect(new Set(records.map((record) => record.id)).size).toBe(2);
    expect(records.map((record) => record.id).sort()).toEqual([startedId(first!.stdout), startedId(second!.stdout)].sort());
    for (const record of records) {
      expect(project.read(`.arkor/jobs/${record.id}/progress.ndjson`).trim().split("\n")).toHaveLength(40);
      expect(project.read(`.arkor/jobs/${record.id}/stdout.log`).match(/^done:/gm)).toHaveLength(1);
    }
  });
});

describe("jobs that outlive arkor start", () => {
  it("--detach returns once the job started; arkor jobs lists it; jobs logs --follow and jobs wait follow it to its end", async () => {
    const project = pythonProject(["--epochs", "30", "--sleep", "0.1"]);
    const detached = await project.arkor(["start", "--detach"]);
    expect(detached.code).toBe(0);
    const id = startedId(detached.stdout);
    expect(detached.stderr).toContain(`arkor jobs logs ${id} --follow`);
    const listed = parseEvents((await project.arkor(["jobs", "--json"])).stdout).find((event) => event.type === "jobs")!;
    expect(listed.jobs![0]).toMatchObject({ id, status: "running", backend: "local", trainer: "house-prices-py", detached: true });

    const [logs, waited, table] = await Promise.all([project.arkor(["jobs", "logs", id, "--follow"]), project.arkor(["jobs", "wait", id]), project.arkor(["jobs"])]);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID +TRAINER +BACKEND +STATUS +STARTED +DURATION +LAST METRICS$/);
    expect(table.stdout).toMatch(new RegExp(`^${id} +house-prices-py +local +running +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +0:0\\d +`, "m"));
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/^training on 200 houses[^]*epoch 20\/30 loss=[^]*done: loss=/);
    expect(waited.code).toBe(0);
    expect(waited.stdout).toContain(`Job ${id} finished with status=completed\n`);
    expect(waited.stderr).toMatch(/progress 30\/30 · 100% · 0:0\d elapsed · loss=\d+(\.\d+)? r2=-?\d/);
    const after = await project.arkor(["jobs"]);
    expect(after.stdout).toMatch(new RegExp(`^${id} +house-prices-py +local +completed .* 30/30 loss=\\S+ r2=\\S+$`, "m"));
  });

  it("--detach says a failure before the job started, as a start in the foreground would, and leaves no record", async () => {
    const project = createProject("python-trainer", { "src/arkor/index.ts": "export const trainer = ;\n" });
    const detached = await project.arkor(["start", "--detach"]);
    expect(detached.code).toBe(1);
    expect(detached.stderr).toMatch(/^✘ \[ERROR\] Unexpected ";"/m);
    expect(detached.stderr).toContain("error: Build failed with 1 error: Unexpected \";\"\n");
    expect(detached.stdout).not.toContain("Started job");
    expect(jobRecords(project)).toEqual([]);
    expect(readdirSync(project.path(".arkor/jobs"))).toEqual([]);
  });

  it("jobs wait exits with the job's exit code", async () => {
    const project = pythonProject(["--epochs", "20", "--sleep", "0.1", "--fail", "4"]);
    const detached = await project.arkor(["start", "--detach"]);
    const id = startedId(detached.stdout);
    const waited = await project.arkor(["jobs", "wait", id]);
    expect(waited.stdout).toContain(`Job ${id} finished with status=failed\n`);
    expect(waited.stderr).toContain(`error: job ${id} failed: python3 train.py --epochs 20 --sleep 0.1 --fail 4 exited with code 4.\n`);
    expect(waited.code).toBe(1);
  });

  it("jobs cancel stops a detached job through the process that follows it; the script's SIGTERM handler saves its checkpoint", async () => {
    const project = pythonProject(["--sleep", "0.1"]);
    const id = startedId((await project.arkor(["start", "--detach"])).stdout);
    await untilFile(project.path(`.arkor/jobs/${id}/stdout.log`), /training on/);
    const cancelled = await project.arkor(["jobs", "cancel", id]);
    expect(cancelled.stderr).toBe(`Cancelling job ${id}; waiting up to 10s for it to stop.\n`);
    expect(cancelled.stdout).toBe(`Job ${id} finished with status=cancelled\n`);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(project.read("checkpoints/model.json"))).toMatchObject({ interrupted: true });
    expect(jobRecords(project)[0]).toMatchObject({ id, status: "cancelled", exitCode: 143 });
    const again = await project.arkor(["jobs", "cancel", id]);
    expect(again.stdout).toBe(`Job ${id} finished with status=cancelled\n`);
    expect(again.code).toBe(0);
  });

  it("after SIGKILL of arkor start, the job runs on: arkor jobs shows it, and jobs cancel stops its whole group", async () => {
    const project = pythonProject(["--sleep", "0.1"]);
    const record = await startThenKillArkor(project);
    const pgid = record.handle!.pid as number;
    expect(isGroupAlive(pgid)).toBe(true);
    expect((await project.arkor(["jobs"])).stdout).toMatch(new RegExp(`^${record.id} +house-prices-py +local +running `, "m"));
    const cancelled = await project.arkor(["jobs", "cancel", record.id]);
    expect(cancelled.stdout).toBe(`Job ${record.id} finished with status=cancelled\n`);
    expect(isGroupAlive(pgid)).toBe(false);
    expect(JSON.parse(project.read("checkpoints/model.json"))).toMatchObject({ interrupted: true });
  });

  it("jobs cancel asks the arkor process that follows the job, which stops it with its own cancel timeout, and says so", async () => {
    const project = createProject("python-trainer", {
      "src/arkor/index.ts": 'import { createTrainer } from "arkor";\nexport const trainer = createTrainer({ command: ["sh", "-c", "trap \'\' TERM; echo started; sleep 300"] });\n',
    });
    const run = project.spawnArkor(["start", "--cancel-timeout", "1"]);
    await run.waitFor("started");
    const id = jobRecords(project)[0]!.id;
    const cancelled = await project.arkor(["jobs", "cancel", id, "--cancel-timeout", "5"]);
    expect(cancelled.stderr).toBe(
      `warning: arkor process ${run.child.pid} follows job ${id} and stops it with its own cancel timeout, 1s, not 5s.\nCancelling job ${id}; waiting up to 1s for it to stop.\n`,
    );
    expect(cancelled.stdout).toBe(`Job ${id} finished with status=cancelled\n`);
    expect((await run.exited).code).toBe(143);
  });

  it("a job whose process vanished without a final status is lost, once, on the next look", async () => {
    const project = pythonProject(["--sleep", "0.1"]);
    const record = await startThenKillArkor(project);
    process.kill(-(record.handle!.pid as number), "SIGKILL");
    const deadline = Date.now() + 5000;
    while (processAlive(record.handle!.pid as number) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const listed = await project.arkor(["jobs"]);
    expect(listed.stdout).toMatch(new RegExp(`^${record.id} +house-prices-py +local +lost `, "m"));
    expect(jobRecords(project)[0]).toMatchObject({ status: "lost", message: `its process (pid ${record.handle!.pid}) is gone, and no arkor process recorded how it ended` });
    const waited = await project.arkor(["jobs", "wait", record.id]);
    expect(waited.stdout).toBe(`Job ${record.id} finished with status=lost\n`);
    expect(waited.code).toBe(1);
  });

  it("a hand-written trainer's run is recorded too, and lost if its arkor process dies", async () => {
    const project = createProject("reliability");
    const run = project.spawnArkor(["start"]);
    await run.waitFor("training");
    run.child.kill("SIGKILL");
    await run.exited;
    const [record] = jobRecords(project);
    expect(record).toMatchObject({ jobId: "cooperative-job", status: "running" });
    expect(record.backend).toBeUndefined();
    expect((await project.arkor(["jobs"])).stdout).toMatch(new RegExp(`^${record.id} +\\S+ +- +lost `, "m"));
    // The trainer's own job id finds it too.
    expect((await project.arkor(["jobs", "wait", "cooperative-job"])).stdout).toBe(`Job cooperative-job finished with status=lost\n`);
  });

  it("refuses a second ctx.submit() in one run: a run is one job, with one record", async () => {
    const project = createProject("python-trainer", {
      "src/arkor/index.ts": [
        'import { createTrainer } from "arkor";',
        "export const trainer = createTrainer({",
        '  async start(ctx) { const first = await ctx.submit({ command: ["true"] }); await first.wait(); return { jobId: (await ctx.submit({ command: ["true"] })).id }; },',
        '  async wait() { return { job: { id: "x", status: "completed" } }; },',
        "});",
        "",
      ].join("\n"),
    });
    const result = await project.arkor(["start"]);
    expect(result.stderr).toMatch(/^error: ctx\.submit\(\) was called twice in one run; this run's job is \d{8}-\d{6}-\w{4}\. Run one command per trainer \(chain steps inside it, such as \["sh", "-c", "prep && train"\]\)\.$/m);
    expect(result.code).toBe(1);
  });

  it("says which job ids exist when given one that does not", async () => {
    const project = createProject("trainers");
    await project.arkor(["start"]);
    const id = jobRecords(project)[0]!.id;
    for (const command of ["logs", "wait", "cancel"]) {
      const result = await project.arkor(["jobs", command, "nope"]);
      expect(result.stderr).toBe(`error: No job nope in .arkor/jobs. The newest: ${id}. Run arkor jobs to list them.\n`);
      expect(result.code).toBe(1);
    }
    expect((await project.arkor(["jobs", "logs", "../../etc"])).stderr).toMatch(/^error: No job \.\.\/\.\.\/etc in \.arkor\/jobs\./);
  });

  it("jobs prune removes ended jobs past --keep, newest kept", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    for (let run = 0; run < 4; run++) await project.arkor(["start"]);
    const ids = jobRecords(project).map((record) => record.id);
    const pruned = await project.arkor(["jobs", "prune", "--keep", "1"]);
    expect(pruned.stdout).toMatch(/^Removed 3 ended jobs \(\d+(\.\d)? kB\); 1 kept\.\n$/);
    expect(readdirSync(project.path(".arkor/jobs"))).toEqual([ids[0]]);
    expect((await project.arkor(["jobs", "prune", "--keep=-1"])).stderr).toBe('error: --keep must be a whole number, 0 or more; got "-1". Example: --keep 10.\n');
  });
});

describe("choosing the backend", () => {
  it("--backend over ARKOR_BACKEND over the config; an unknown name is one line with a suggestion", async () => {
    const project = pythonProject(["--epochs", "2"]);
    project.write("arkor.config.ts", 'import { defineConfig } from "arkor";\nexport default defineConfig({ backend: "nope" });\n');
    expect((await project.arkor(["start"])).stderr).toBe('error: Unknown backend "nope". Backends: local, slurm. Pick one with --backend, ARKOR_BACKEND or the config\'s backend.\n');
    expect((await project.arkor(["start"], { env: { ARKOR_BACKEND: "slurn" } })).stderr).toBe(
      'error: Unknown backend "slurn"; did you mean "slurm"? Backends: local, slurm. Pick one with --backend, ARKOR_BACKEND or the config\'s backend.\n',
    );
    const chosen = await project.arkor(["start", "--backend", "local", "--json"], { env: { ARKOR_BACKEND: "slurn" } });
    expect(chosen.code).toBe(0);
    expect(parseEvents(chosen.stdout).find((event) => event.type === "job.submitted")).toMatchObject({ backend: "local" });
  });

  it("a config's own backend runs the job, by its name", async () => {
    const project = pythonProject(["--epochs", "2"]);
    project.write(
      "arkor.config.ts",
      [
        'import { defineConfig, type JobBackend } from "arkor";',
        "const echo: JobBackend = {",
        '  name: "echo",',
        '  async submit(spec, ctx) { return { id: "e1", dir: ctx.dir, said: spec.command.join(" ") }; },',
        '  async status(handle) { return { state: "ended", status: "completed" }; },',
        "  async cancel() {},",
        '  async follow(handle, sink) { sink.log("stdout", `echo: ${handle.said}\\n`); sink.progressLine(\'{"step": 1, "total": 1}\', 1); },',
        "};",
        'export default defineConfig({ backend: "echo", backends: [echo] });',
        "",
      ].join("\n"),
    );
    const result = await project.arkor(["start", "--json"]);
    const events = parseEvents(result.stdout);
    expect(events.find((event) => event.type === "job.submitted")).toMatchObject({ backend: "echo", backendId: "e1" });
    expect(events.find((event) => event.type === "log")).toMatchObject({ text: "echo: python3 train.py --epochs 2\n" });
    expect(events.find((event) => event.type === "job.progress")).toMatchObject({ step: 1, total: 1 });
    expect(result.code).toBe(0);
  });

  it("a hand-written trainer's start loads no backend, and import \"arkor\" loads neither the rest of core, the runner nor the job store", async () => {
    const project = createProject("trainers");
    await project.arkor(["build"]);
    const trace = moduleTrace(project);
    expect((await project.arkor(["start"], { env: trace.env })).code).toBe(0);
    // The recorder, one file; neither the store's readers, nor a backend.
    expect(trace.loaded()).toContain("/packages/jobs/dist/record.js");
    expect(trace.loaded()).not.toMatch(/packages\/jobs\/dist\/(index|local)\.js|packages\/slurm\//);
    project.write("import-only.mjs", 'import "arkor";\n');
    const script = await spawnNode([project.path("import-only.mjs")], { cwd: project.dir, env: { ...trace.env, TRACE_FILE: project.path("import.txt") } }).exited;
    expect(script.code).toBe(0);
    const loaded = readFileSync(project.path("import.txt"), "utf8");
    // The trace works (core's trainer part is there); the rest of core and the runner load on the first call that needs them, and no store or backend at all.
    expect(loaded).toContain("/packages/core/dist/trainer.js");
    expect(loaded).not.toMatch(/packages\/core\/dist\/index\.js|packages\/runner\/|packages\/jobs\/|packages\/slurm\//);
  });
});
