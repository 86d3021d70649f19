import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRecords, parseEvents, untilFile } from "../../../../scripts/test-utils/jobs.js";
import { createSlurmProject, type SlurmProject } from "../../../../scripts/test-utils/slurmProject.js";

// A real single-node Slurm cluster, and arkor installed from the packed tarballs (installs hit the registry).
const SETUP_TIMEOUT = 300_000;
const JOB_TIMEOUT = 120_000;

let slurm: SlurmProject;
beforeAll(async () => {
  slurm = await createSlurmProject();
}, SETUP_TIMEOUT);
afterAll(async () => slurm?.close(), SETUP_TIMEOUT);

const startedId = (stdout: string) => /Started job (\S+)/.exec(stdout)![1]!;
const scontrol = (slurmId: string) => slurm.slurm("scontrol", ["show", "job", "-o", slurmId]);

describe("command trainers on a Slurm cluster", () => {
  it(
    "run the python fixture to completed through sbatch: progress events, its logs, Slurm's job id in the record",
    async () => {
      const result = await slurm.arkor(["start", "--backend", "slurm", "--json"]);
      const events = parseEvents(result.stdout);
      const submitted = events.find((event) => event.type === "job.submitted")!;
      expect(submitted).toMatchObject({ backend: "slurm", command: ["python3", "train.py", "--epochs", "200"] });
      expect(submitted.backendId).toMatch(/^\d+$/);
      const progress = events.filter((event) => event.type === "job.progress");
      expect(progress).toHaveLength(200);
      expect(progress.at(-1)).toMatchObject({ step: 200, total: 200 });
      expect(progress.at(-1)!.metrics!.r2).toBeGreaterThan(0.9);
      const logged = events.filter((event) => event.type === "log" && event.stream === "stdout").map((event) => event.text).join("");
      expect(logged).toMatch(/^training on 200 houses \(seed 1\) for 200 epochs\n[^]*done: loss=\d+\.\d+ r2=0\.9\d+\n$/);
      expect(events.find((event) => event.type === "job.finished")).toMatchObject({ status: "completed", exitCode: 0 });
      expect(result.code).toBe(0);

      const record = jobRecords(slurm.project).find((candidate) => candidate.id === submitted.jobId)!;
      expect(record).toMatchObject({ backend: "slurm", backendId: submitted.backendId, status: "completed", exitCode: 0, resources: { cpus: 1, memory: "500M", time: "00:10:00" } });
      const script = slurm.project.read(`.arkor/jobs/${record.id}/job.sbatch`);
      expect(script).toContain("#SBATCH --job-name=house-prices-py\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=500M\n#SBATCH --time=00:10:00\n");
      expect(scontrol(submitted.backendId)).toMatch(/JobState=COMPLETED .*ExitCode=0:0/);
      expect(scontrol(submitted.backendId)).toContain(`WorkDir=${slurm.project.dir} `);
    },
    JOB_TIMEOUT,
  );

  it(
    "a failing script is failed, with Slurm's state in the one-line reason, and exits 1",
    async () => {
      const entry = slurm.entry("failing", ["--fail", "3"]);
      const result = await slurm.arkor(["start", entry, "--backend", "slurm"]);
      const id = startedId(result.stdout);
      expect(result.stdout).toContain(`Job ${id} finished with status=failed\n`);
      expect(result.stderr).toContain("failing on purpose\n");
      expect(result.stderr).toContain(`error: job ${id} failed: python3 train.py --fail 3 exited with code 3 (Slurm FAILED).\n`);
      expect(result.code).toBe(1);
    },
    JOB_TIMEOUT,
  );

  it(
    "--detach, then arkor jobs, jobs logs --follow and jobs wait (with the job's exit code), from other processes",
    async () => {
      const entry = slurm.entry("detached", ["--epochs", "30", "--sleep", "0.1", "--fail", "5"]);
      const detached = await slurm.arkor(["start", entry, "--backend", "slurm", "--detach"]);
      expect(detached.code).toBe(0);
      const id = startedId(detached.stdout);
      const listed = parseEvents((await slurm.arkor(["jobs", "--json"])).stdout).find((event) => event.type === "jobs")!;
      expect(listed.jobs.find((job: { id: string }) => job.id === id)).toMatchObject({ backend: "slurm", trainer: "detached", detached: true });
      const [logs, waited] = await Promise.all([slurm.arkor(["jobs", "logs", id, "--follow"]), slurm.arkor(["jobs", "wait", id])]);
      expect(logs.stdout).toMatch(/^training on 200 houses/);
      expect(logs.stderr).toContain("failing on purpose\n");
      expect(logs.code).toBe(0);
      expect(waited.stdout).toContain(`Job ${id} finished with status=failed\n`);
      expect(waited.code).toBe(1);
      expect((await slurm.arkor(["jobs"])).stdout).toMatch(new RegExp(`^${id} +detached +slurm +failed `, "m"));
    },
    JOB_TIMEOUT,
  );

  it(
    "jobs cancel stops a detached Slurm job with scancel; the script's SIGTERM handler writes its checkpoint",
    async () => {
      const entry = slurm.entry("cancelled", ["--sleep", "0.2", "--checkpoint", "checkpoints/cancelled.json"]);
      const id = startedId((await slurm.arkor(["start", entry, "--backend", "slurm", "--detach"])).stdout);
      await untilFile(slurm.project.path(`.arkor/jobs/${id}/stdout.log`), /training on/, 60_000);
      const cancelled = await slurm.arkor(["jobs", "cancel", id]);
      expect(cancelled.stdout).toBe(`Job ${id} finished with status=cancelled\n`);
      expect(cancelled.code).toBe(0);
      expect(JSON.parse(slurm.project.read("checkpoints/cancelled.json"))).toMatchObject({ interrupted: true });
      const record = jobRecords(slurm.project).find((candidate) => candidate.id === id)!;
      expect(scontrol(record.backendId!)).toMatch(/JobState=CANCELLED /);
    },
    JOB_TIMEOUT,
  );

  it(
    "Ctrl-C of an attached start cancels the Slurm job",
    async () => {
      const entry = slurm.entry("interrupted", ["--sleep", "0.2", "--checkpoint", "checkpoints/interrupted.json"]);
      const run = slurm.spawnArkor(["start", entry, "--backend", "slurm"]);
      await run.waitFor("training on 200 houses", 60_000);
      run.child.kill("SIGINT");
      const result = await run.exited;
      const id = startedId(result.stdout);
      expect(result.stdout).toContain(`Job ${id} finished with status=cancelled\n`);
      expect(result.code).toBe(130);
      expect(JSON.parse(slurm.project.read("checkpoints/interrupted.json"))).toMatchObject({ interrupted: true });
      const record = jobRecords(slurm.project).find((candidate) => candidate.id === id)!;
      expect(scontrol(record.backendId!)).toMatch(/JobState=CANCELLED /);
    },
    JOB_TIMEOUT,
  );

  it(
    "after SIGKILL of arkor start, the Slurm job goes on, and jobs wait follows it to its end",
    async () => {
      const entry = slurm.entry("orphaned", ["--epochs", "20", "--sleep", "0.1"]);
      const run = slurm.spawnArkor(["start", entry, "--backend", "slurm"]);
      await run.waitFor("training on 200 houses", 60_000);
      run.child.kill("SIGKILL");
      await run.exited;
      const id = jobRecords(slurm.project).find((record) => record.trainer === "orphaned")!.id;
      const waited = await slurm.arkor(["jobs", "wait", id]);
      expect(waited.stdout).toContain(`Job ${id} finished with status=completed\n`);
      expect(waited.code).toBe(0);
      expect(jobRecords(slurm.project).find((record) => record.id === id)).toMatchObject({ status: "completed", exitCode: 0 });
    },
    JOB_TIMEOUT,
  );

  it(
    "a record whose arkor process died is settled with Slurm's state and end time; without Slurm, a warning says why, and the record stays",
    async () => {
      const entry = slurm.entry("settled", ["--epochs", "5"]);
      const id = startedId((await slurm.arkor(["start", entry, "--backend", "slurm"])).stdout);
      // As a SIGKILL of arkor start would have left it: still running, by a process that is gone.
      const finished = JSON.parse(slurm.project.read(`.arkor/jobs/${id}/job.json`));
      const { endedAt, exitCode, ...running } = finished;
      slurm.project.write(`.arkor/jobs/${id}/job.json`, JSON.stringify({ ...running, status: "running", owner: { ...finished.owner, pid: 2 ** 22 + 1 } }));
      // A new shell where SLURM_CONF is not set, and no /etc/slurm/slurm.conf: Slurm's tools cannot find the cluster.
      const unreachable = await slurm.arkor(["jobs"], { SLURM_CONF: undefined });
      expect(unreachable.stderr).toMatch(new RegExp(`^warning: Job ${id} may be out of date: Slurm's configuration was not found \\(scontrol: .*\\)\\. Set SLURM_CONF to the cluster's slurm\\.conf, or run with --backend local\\.\n`, "m"));
      expect(unreachable.stdout).toMatch(new RegExp(`^${id} +settled +slurm +running `, "m"));
      expect(JSON.parse(slurm.project.read(`.arkor/jobs/${id}/job.json`)).status).toBe("running");
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const settled = await slurm.arkor(["jobs"]);
      expect(settled.stdout).toMatch(new RegExp(`^${id} +settled +slurm +completed +\\S+ \\S+ +0:0[0-2] `, "m"));
      const record = JSON.parse(slurm.project.read(`.arkor/jobs/${id}/job.json`));
      // Slurm's EndTime, not the moment the record was read (more than two seconds later).
      const slurmEnd = /EndTime=(\S+)/.exec(scontrol(record.backendId))![1]!;
      expect(record.endedAt).toBe(new Date(slurmEnd).toISOString());
      expect(Date.now() - Date.parse(record.endedAt)).toBeGreaterThan(2000);
      expect(endedAt).toBeDefined();
      expect(exitCode).toBe(0);
    },
    JOB_TIMEOUT,
  );

  it("a gres the cluster lacks is refused in one line, with Slurm's reason", async () => {
    const entry = slurm.entry("gpu", [], ", gpus: 1");
    const result = await slurm.arkor(["start", entry, "--backend", "slurm"]);
    expect(result.stderr).toBe(
      "error: Slurm refused the job: Invalid generic resource (gres) specification. Change the trainer's resources, the slurm options in arkor.config or the SBATCH_* variables set here, or run it with --backend local.\n",
    );
    expect(result.code).toBe(1);
  });

  it("takes Slurm options from the config, which SBATCH_* variables override", async () => {
    const entry = slurm.entry("partitioned", ["--epochs", "2"]);
    slurm.project.write("arkor.config.ts", 'import { defineConfig } from "arkor";\nexport default defineConfig({ backend: "slurm", slurm: { partition: "nosuch" } });\n');
    try {
      const refused = await slurm.arkor(["start", entry]);
      expect(refused.stderr).toBe(
        "error: Slurm refused the job: Invalid partition name specified. Change the trainer's resources, the slurm options in arkor.config or the SBATCH_* variables set here, or run it with --backend local.\n",
      );
      const overridden = await slurm.arkor(["start", entry], { SBATCH_PARTITION: slurm.cluster.partition });
      expect(overridden.stdout).toContain("finished with status=completed\n");
      expect(overridden.code).toBe(0);
    } finally {
      slurm.project.write("arkor.config.ts", "export default {};\n");
    }
  }, JOB_TIMEOUT);

  it("says how to get Slurm's client tools when they are missing, or to run locally", async () => {
    const entry = slurm.entry("no-tools", []);
    // A PATH with none of Slurm's tools (the bin itself runs on the test's Node, found by its full path).
    const bare = slurm.project.path("bin-without-slurm");
    const result = await slurm.arkor(["start", entry, "--backend", "slurm"], { PATH: bare });
    expect(result.stderr).toBe(
      `error: The slurm backend needs Slurm's client tools, but sbatch is not on PATH (${bare}). Install them (Debian and Ubuntu: apt-get install slurm-client; point SLURM_CONF at the cluster's slurm.conf), or run with --backend local.\n`,
    );
    expect(result.code).toBe(1);
    expect(existsSync(slurm.project.path("node_modules/@arkor/slurm/dist/index.js"))).toBe(true);
  });
});
