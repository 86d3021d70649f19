import { didYouMean, type ArkorConfig, type Awaitable, type JobBackend, unknownBackend } from "@arkor/core";

/** What choosing and making a backend needs from the project's config. */
export type JobsConfig = Pick<ArkorConfig, "backend" | "backends" | "slurm">;

/** The backends every arkor has; each is loaded only when chosen. */
export const BUILTIN_BACKENDS = ["local", "slurm"] as const;

export const DEFAULT_BACKEND = "local";

export interface BackendChoice {
  /** `--backend`, else `ARKOR_BACKEND`: the run's own choice, over the config's. */
  backend?: string;
  /** The project's config, loaded only when a job needs a backend. */
  config?: () => Awaitable<JobsConfig | undefined>;
}

/** The backend's name: the run's choice, else the config's, else local. */
export async function chooseBackend(choice: BackendChoice): Promise<{ name: string; config: JobsConfig | undefined }> {
  const config = await choice.config?.();
  return { name: choice.backend ?? config?.backend ?? DEFAULT_BACKEND, config };
}

/**
 * Makes the backend `name`: a built-in one (its package loaded now, not
 * before), or one of the config's `backends`. Throws UNKNOWN_BACKEND with a
 * "did you mean" for a name nobody has.
 */
export async function loadBackend(name: string, config?: JobsConfig): Promise<JobBackend> {
  const custom = config?.backends?.find((backend) => backend?.name === name);
  if (custom) return custom;
  if (name === "local") return (await import("@arkor/jobs/local")).localBackend();
  if (name === "slurm") return (await import("@arkor/slurm")).slurmBackend(config?.slurm);
  const known = [...BUILTIN_BACKENDS, ...(config?.backends ?? []).map((backend) => backend.name)];
  throw unknownBackend(name, known, didYouMean(name, known));
}
