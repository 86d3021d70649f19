import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { backendUnavailable, type ArkorError } from "@arkor/core";

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How long a Slurm client call may take: a hung controller must not hang arkor (Slurm's own MessageTimeout is 10 s). */
const TOOL_TIMEOUT_MS = 30_000;

/**
 * Runs one of Slurm's client tools with the process's environment (so
 * `SLURM_CONF` and `SBATCH_*` apply). A missing tool, or one that does not
 * answer in time, is BACKEND_UNAVAILABLE saying what to do; any other outcome
 * is returned to be read.
 */
export function runTool(tool: string, args: readonly string[]): Promise<ToolResult> {
  // Slurm's tools retry a SLURM_CONF that does not exist for a minute before they give up: say it at once.
  const conf = process.env.SLURM_CONF;
  if (conf && !existsSync(conf)) {
    return Promise.reject(backendUnavailable(`SLURM_CONF names ${conf}, which does not exist. Point it at the cluster's slurm.conf, or run with --backend local.`));
  }
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, timeout: TOOL_TIMEOUT_MS }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      if (failure?.code === "ENOENT") {
        reject(
          backendUnavailable(
            `The slurm backend needs Slurm's client tools, but ${tool} is not on PATH (${process.env.PATH ?? ""}). Install them (Debian and Ubuntu: apt-get install slurm-client; point SLURM_CONF at the cluster's slurm.conf), or run with --backend local.`,
            error,
          ),
        );
        return;
      }
      if (failure?.killed) {
        reject(backendUnavailable(`${tool} did not answer within ${TOOL_TIMEOUT_MS / 1000} s: Slurm's controller may be down or overloaded. Check it with sinfo.`, error));
        return;
      }
      if (failure && typeof failure.code !== "number") {
        reject(error);
        return;
      }
      resolve({ code: typeof failure?.code === "number" ? failure.code : 0, stdout, stderr });
    });
  });
}

/** The reason in Slurm's error lines: the most telling one, without the tool's prefixes (`Invalid partition name specified`). */
export function slurmReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^Try "\S+ --help"/.test(line));
  const errors = lines.filter((line) => /: error: |unrecognized option|invalid option/.test(line));
  // "Batch job submission failed: …" says why in its own words; otherwise the first error is the cause, the rest its consequences.
  const failed = errors.find((line) => /submission failed: /.test(line));
  const chosen = failed ?? errors[0] ?? lines.at(-1) ?? "no reason given";
  return chosen
    .replace(/^\S+: (error: )?/, "")
    .replace(/^Batch job submission failed: /, "")
    .replace(/\.$/, "");
}

/** Slurm could not be reached (no configuration, no controller): what to check, in one line. */
export function slurmUnreachable(tool: string, stderr: string): ArkorError {
  // Without a slurm.conf the tools try DNS first and say so before the real reason: look for the latter anywhere.
  const lines = stderr.split("\n");
  const noConfig = [/_establish_config_source: .*fail/, /Could not establish a configuration source/, /fetch_config: .*fail/].map((pattern) => lines.find((line) => pattern.test(line))).find(Boolean);
  if (noConfig) {
    return backendUnavailable(`Slurm's configuration was not found (${tool}: ${slurmReason(noConfig)}). Set SLURM_CONF to the cluster's slurm.conf, or run with --backend local.`);
  }
  const reason = slurmReason(stderr);
  return backendUnavailable(`Slurm did not answer (${tool}: ${reason}). Check that the cluster is up (sinfo) and that SLURM_CONF names its slurm.conf.`);
}
