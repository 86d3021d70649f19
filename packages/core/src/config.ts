import type { JobBackend } from "./backend.js";
import type { ArkorPlugin } from "./plugin.js";

/** An entry of the plugin list: a plugin, a falsy value (skipped: `isDev && myPlugin()`), or a nested list (flattened). */
export type PluginOption = ArkorPlugin | false | null | undefined | readonly PluginOption[];

export interface ArkorConfig {
  /** Run before the default resolver and bundler, so they win. */
  plugins?: PluginOption[];
  /**
   * Where command trainers' jobs run when neither `--backend` nor
   * `ARKOR_BACKEND` says: `"local"` (the default), `"slurm"`, or the name of
   * one of `backends`.
   */
  backend?: string;
  /** More backends, chosen by their name (a package's factory, such as a Kubernetes one). */
  backends?: JobBackend[];
  /** Options of the Slurm backend. `SBATCH_*` variables override them; `sbatchArgs` override both. */
  slurm?: SlurmOptions;
}

export interface SlurmOptions {
  /** `--partition`. */
  partition?: string;
  /** `--account`. */
  account?: string;
  /** `--qos`. */
  qos?: string;
  /** More `sbatch` arguments, such as `["--constraint=a100", "--exclusive"]`. */
  sbatchArgs?: string[];
  /** How often to ask Slurm about a running job, in milliseconds. Default 2000. */
  pollIntervalMs?: number;
}

/** Identity, for types: `export default defineConfig({ plugins: [...] })`. */
export function defineConfig(config: ArkorConfig): ArkorConfig {
  return config;
}
