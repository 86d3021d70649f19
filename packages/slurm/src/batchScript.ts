import { formatTimeLimit, normalizeResources, type JobSpec, type SlurmOptions } from "@arkor/core";

/**
 * The batch script arkor submits for a job: the trainer's resources and the
 * config's options as `#SBATCH` lines (so `SBATCH_*` variables and the
 * command line's arguments, which Slurm ranks above them, still win), then
 * the environment, then `exec` of the command, so scancel's SIGTERM reaches
 * it directly.
 */
export function batchScript(spec: JobSpec, options: { jobId: string; cwd: string; env: Record<string, string>; slurm?: SlurmOptions }): string {
  const resources = normalizeResources(spec.resources);
  const { slurm = {} } = options;
  const directives: string[] = [`--job-name=${jobName(spec.name)}`];
  if (resources.cpus !== undefined) directives.push(`--cpus-per-task=${resources.cpus}`);
  if (resources.memoryMB !== undefined) directives.push(`--mem=${resources.memoryMB}M`);
  if (resources.gpus !== undefined && resources.gpus.count > 0) directives.push(`--gres=gpu:${resources.gpus.type ? `${resources.gpus.type}:` : ""}${resources.gpus.count}`);
  if (resources.timeSeconds !== undefined) directives.push(`--time=${formatTimeLimit(resources.timeSeconds)}`);
  if (slurm.partition) directives.push(`--partition=${slurm.partition}`);
  if (slurm.account) directives.push(`--account=${slurm.account}`);
  if (slurm.qos) directives.push(`--qos=${slurm.qos}`);
  return [
    "#!/bin/sh",
    ...directives.map((directive) => `#SBATCH ${directive}`),
    `# Written by arkor for job ${options.jobId}: runs the trainer's command in the project root.`,
    `cd ${shellQuote(options.cwd)} || exit 1`,
    ...Object.entries(options.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    `exec ${spec.command.map(shellQuote).join(" ")}`,
    "",
  ].join("\n");
}

/** Slurm shows job names in squeue; keep them one plain word. */
function jobName(name: string | undefined): string {
  const plain = (name ?? "arkor").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return plain.slice(0, 64) || "arkor";
}

/** 'text' for sh, with any ' written as '\'' */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
