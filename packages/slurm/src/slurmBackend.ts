import { writeFileSync } from "node:fs";
import path from "node:path";
import { commandText, jobNotStarted, type JobBackend, type JobHandle, type JobState, type SlurmOptions, type SubmitContext } from "@arkor/core";
import { batchScript } from "./batchScript.js";
import { jobStateOf, parseScontrol } from "./slurmState.js";
import { runTool, slurmReason, slurmUnreachable } from "./slurmTools.js";

export interface SlurmHandle extends JobHandle {
  /** The cluster, when sbatch named one (`--parsable` prints `id;cluster` on a federation). */
  cluster?: string;
  /** What ran, for messages (`python3 train.py exited with code 3`). */
  what: string;
}

/** How often a cancelled job is checked while it stops. */
const CANCEL_POLL_MS = 250;

/**
 * Runs command jobs on a Slurm cluster: `sbatch` of a generated batch script
 * (batchScript.ts) with its output and error files in the job's folder,
 * `scontrol show job` for its state (`sacct` once the controller has forgotten
 * it), `scancel` to stop it. The job's logs and progress file are followed
 * from the job's folder, which must be on a file system the compute node shares.
 */
export function slurmBackend(options: SlurmOptions = {}): JobBackend {
  const status = async (handle: JobHandle): Promise<JobState> => {
    const { id, what } = handle as SlurmHandle;
    const shown = await runTool("scontrol", ["show", "job", "-o", id]);
    if (shown.code === 0 && shown.stdout.includes("JobState=")) {
      const fields = parseScontrol(shown.stdout);
      return jobStateOf(
        { state: fields.JobState!, exitCode: fields.ExitCode, reason: fields.Reason, timeLimit: fields.TimeLimit, node: fields.BatchHost ?? fields.NodeList, endTime: fields.EndTime },
        what,
      );
    }
    if (/invalid job id/i.test(shown.stderr)) return fromAccounting(id, what);
    // No answer (no configuration, the controller down): not a state of the job. The caller says so and asks again later.
    throw slurmUnreachable("scontrol", shown.stderr);
  };

  return {
    name: "slurm",
    pollIntervalMs: options.pollIntervalMs ?? 2000,

    async submit(spec, ctx) {
      const script = path.join(ctx.dir, "job.sbatch");
      writeFileSync(script, batchScript(spec, { jobId: ctx.jobId, cwd: ctx.cwd, env: ctx.env, slurm: options }), { mode: 0o755 });
      const submitted = await runTool("sbatch", sbatchArguments(ctx, options, script));
      if (submitted.code !== 0) throw refused(submitted.stderr);
      const [id, cluster] = submitted.stdout.trim().split("\n").at(-1)!.split(";");
      if (!id || !/^\d+(_\d+)?$/.test(id)) throw jobNotStarted(`sbatch did not print a job id (it printed ${JSON.stringify(submitted.stdout.trim())}); check the cluster with sinfo.`);
      const handle: SlurmHandle = { id, dir: ctx.dir, ...(cluster && { cluster }), what: commandText(spec.command) };
      return handle;
    },

    status,

    async cancel(handle, { graceMs }) {
      const { id } = handle as SlurmHandle;
      // scancel sends SIGTERM to the job's processes; Slurm itself sends SIGKILL after its KillWait.
      const cancelled = await runTool("scancel", [id]);
      if (cancelled.code !== 0 && !/already (completed|finished)|invalid job id/i.test(cancelled.stderr)) throw slurmUnreachable("scancel", cancelled.stderr);
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline) {
        if ((await status(handle)).state === "ended") return;
        await sleep(Math.min(CANCEL_POLL_MS, Math.max(1, deadline - Date.now())));
      }
      if ((await status(handle)).state === "ended") return;
      await runTool("scancel", ["--signal=KILL", "--full", id]);
      for (let tries = 0; tries < 20 && (await status(handle)).state !== "ended"; tries++) await sleep(CANCEL_POLL_MS);
    },
  };
}

/**
 * sbatch's command line: arkor's own options first (where nothing else overrides them, as arkor
 * finds the job's output there), then the config's `sbatchArgs`, then the script.
 */
export function sbatchArguments(ctx: Pick<SubmitContext, "files" | "cwd">, options: SlurmOptions, script: string): string[] {
  // `%` starts one of sbatch's filename patterns (%j, %x): a project path's own `%` is written `%%`.
  const pattern = (file: string) => file.replaceAll("%", "%%");
  return ["--parsable", `--output=${pattern(ctx.files.stdout)}`, `--error=${pattern(ctx.files.stderr)}`, `--chdir=${ctx.cwd}`, ...(options.sbatchArgs ?? []), script];
}

/** sbatch's refusal in one line: Slurm's reason, and where to change what it refused. */
function refused(stderr: string) {
  if (/_establish_config_source|fetch_config: |configuration source/i.test(stderr)) return slurmUnreachable("sbatch", stderr);
  const reason = slurmReason(stderr);
  const fix = /unrecognized option|invalid option|unrecognized argument/i.test(reason)
    ? "Fix slurm.sbatchArgs in arkor.config."
    : /unable to contact|connect|timed out|communication/i.test(reason)
      ? "Check that the cluster is up (sinfo) and that SLURM_CONF names its slurm.conf, or run it with --backend local."
      : "Change the trainer's resources, the slurm options in arkor.config or the SBATCH_* variables set here, or run it with --backend local.";
  return jobNotStarted(`Slurm refused the job: ${reason}. ${fix}`);
}

/** sacct's record of a job the controller forgot; `lost` when the cluster keeps no accounting either. */
async function fromAccounting(id: string, what: string): Promise<JobState> {
  const accounted = await runTool("sacct", ["-j", id, "-X", "-n", "-P", "-o", "State,ExitCode"]).catch(() => undefined);
  const line = accounted?.code === 0 ? accounted.stdout.trim().split("\n")[0] : undefined;
  if (line) {
    const [state, exitCode] = line.split("|");
    if (state) return jobStateOf({ state, exitCode }, what);
  }
  return { state: "ended", status: "lost", message: `Slurm no longer knows job ${id} (scontrol forgets ended jobs after MinJobAge, and the cluster keeps no accounting)` };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
