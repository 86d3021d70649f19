import { configError, type ArkorConfig, type JobBackend } from "@arkor/core";

const SLURM_KEYS = ["partition", "account", "qos", "sbatchArgs", "pollIntervalMs"];
/**
 * Set by arkor on sbatch's command line: the job's output must land in its folder of the store, it
 * runs in the project root, and arkor reads the job id sbatch prints. Short forms with their value
 * attached (`-e/tmp/e`) included.
 */
const RESERVED_SBATCH = /^(-[oeD]|--output(=|$)|--error(=|$)|--chdir(=|$)|--parsable(=|$))/;

/** The config's `backend`, `backends` and `slurm`, checked: each mistake is one line naming the key. */
export function validateJobsConfig(config: Record<string, unknown>, name: string): Pick<ArkorConfig, "backend" | "backends" | "slurm"> {
  const { backend, backends, slurm } = config;
  if (backend !== undefined && (typeof backend !== "string" || backend.trim() === "")) {
    throw configError(name, `backend must be the name of a backend, such as "slurm"; got ${describe(backend)}.`);
  }
  if (backends !== undefined) {
    if (!Array.isArray(backends)) throw configError(name, `backends must be an array of backends, such as backends: [myBackend()]; got ${describe(backends)}.`);
    backends.forEach((candidate: unknown, index) => {
      const value = candidate as Partial<JobBackend> | null;
      const missing = ["submit", "status", "cancel"].filter((method) => typeof (value as Record<string, unknown> | null)?.[method] !== "function");
      if (typeof value?.name !== "string" || value.name === "") throw configError(name, `backends[${index}] has no name; a backend is an object such as { name: "k8s", submit, status, cancel }.`);
      if (missing.length > 0) throw configError(name, `backends[${index}] (${value.name}) has no ${missing.join(", ")} method; a backend needs submit, status and cancel.`);
    });
  }
  if (slurm !== undefined) {
    if (typeof slurm !== "object" || slurm === null || Array.isArray(slurm)) throw configError(name, `slurm must be an object such as { partition: "gpu" }; got ${describe(slurm)}.`);
    const options = slurm as Record<string, unknown>;
    for (const key of Object.keys(options)) {
      if (!SLURM_KEYS.includes(key)) throw configError(name, `slurm.${key} is not a Slurm option arkor knows. Known: ${SLURM_KEYS.join(", ")}.`);
    }
    for (const key of ["partition", "account", "qos"]) {
      const value = options[key];
      if (value !== undefined && (typeof value !== "string" || !/^[^\s,][^\s]*$/.test(value))) {
        throw configError(name, `slurm.${key} must be one name without spaces; got ${describe(value)}.`);
      }
    }
    const args = options.sbatchArgs;
    if (args !== undefined) {
      if (!Array.isArray(args) || args.some((arg) => typeof arg !== "string")) throw configError(name, `slurm.sbatchArgs must be an array of strings, such as ["--exclusive"]; got ${describe(args)}.`);
      const reserved = (args as string[]).find((arg) => RESERVED_SBATCH.test(arg));
      if (reserved) {
        throw configError(
          name,
          `slurm.sbatchArgs cannot set ${JSON.stringify(reserved)}: arkor sets --output, --error, --chdir and --parsable itself (the job's logs go to its folder of .arkor/jobs, it runs in the project root, and arkor reads the job id sbatch prints). Remove it.`,
        );
      }
    }
    const poll = options.pollIntervalMs;
    if (poll !== undefined && (typeof poll !== "number" || !Number.isFinite(poll) || poll < 100)) {
      throw configError(name, `slurm.pollIntervalMs must be a number of milliseconds, 100 or more; got ${describe(poll)}.`);
    }
  }
  return {
    ...(backend !== undefined && { backend: (backend as string).trim() }),
    ...(backends !== undefined && { backends: backends as JobBackend[] }),
    ...(slurm !== undefined && { slurm: slurm as ArkorConfig["slurm"] }),
  };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "number" ? String(value) : typeof value;
}
