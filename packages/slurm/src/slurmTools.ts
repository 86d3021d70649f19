import { execFile } from "node:child_process";
import { backendUnavailable } from "@arkor/core";

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of Slurm's client tools with the process's environment (so
 * `SLURM_CONF` and `SBATCH_*` apply). A missing tool is BACKEND_UNAVAILABLE,
 * saying how to get it; any other outcome is returned to be read.
 */
export function runTool(tool: string, args: readonly string[]): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === "ENOENT") {
        reject(
          backendUnavailable(
            `The slurm backend needs Slurm's client tools, but ${tool} is not on PATH (${process.env.PATH ?? ""}). Install them (Debian and Ubuntu: apt-get install slurm-client; point SLURM_CONF at the cluster's slurm.conf), or run with --backend local.`,
            error,
          ),
        );
        return;
      }
      if (error && typeof code !== "number" && code !== undefined) {
        reject(error);
        return;
      }
      resolve({ code: typeof code === "number" ? code : 0, stdout, stderr });
    });
  });
}

/** The reason in Slurm's error lines (`sbatch: error: Batch job submission failed: Invalid partition name specified`): the last one, without the prefixes. */
export function slurmReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const errors = lines.filter((line) => /: error: /.test(line));
  const last = (errors.at(-1) ?? lines.at(-1) ?? "no reason given").replace(/^\S+: error: /, "").replace(/^Batch job submission failed: /, "");
  return last.replace(/\.$/, "");
}
