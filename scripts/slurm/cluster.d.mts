// Types of cluster.mjs, for TypeScript tests: import { startSlurmCluster } from "../../scripts/slurm/cluster.mjs".

/** A running single-node Slurm cluster; everything it owns is in `dir`. */
export interface SlurmCluster {
  /** The cluster's temporary folder: slurm.conf, its munged, state, spool, pid and log files. */
  readonly dir: string;
  /** The path of its slurm.conf. */
  readonly conf: string;
  /** What every client call (sbatch, scontrol, …) needs in its environment: `{ ...process.env, ...cluster.env }`. */
  readonly env: { readonly SLURM_CONF: string };
  /** The name of its one (default) partition: "debug". */
  readonly partition: string;
  /** Kills its jobs, stops its daemons (only those it started), removes `dir`. Harmless to call again. */
  stop(): Promise<void>;
}

export interface SlurmClusterOptions {
  /** The CPUs its node claims, whatever the machine has (default 8). */
  cpus?: number;
}

/** Installs slurmctld, slurmd, slurm-client and munge with apt-get when any of their programs is missing; throws when that needs root and this is not. */
export function ensureSlurmInstalled(): void;

/** Starts a cluster in a new temporary folder and resolves once its node is idle (installs Slurm first if needed; needs root, on Linux). */
export function startSlurmCluster(options?: SlurmClusterOptions): Promise<SlurmCluster>;

/** Stops the cluster in `dir` (one started by startSlurmCluster or `cluster.mjs start`) and removes the folder. */
export function stopSlurmCluster(dir: string): Promise<void>;
