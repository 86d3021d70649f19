import { messageOf } from "@arkor/core";
import { runTool, slurmUnreachable } from "./slurmTools.js";

/**
 * Whether Slurm's client tools answer here: `sinfo` reaches the cluster's
 * controller. What the Studio asks before it offers the slurm backend; the
 * reason is the one line `arkor start --backend slurm` would print.
 */
export async function probeSlurm(): Promise<{ usable: true } | { usable: false; reason: string }> {
  try {
    const result = await runTool("sinfo", ["--noheader", "--format=%P"]);
    if (result.code === 0) return { usable: true };
    return { usable: false, reason: slurmUnreachable("sinfo", result.stderr).message };
  } catch (error) {
    return { usable: false, reason: messageOf(error) };
  }
}
