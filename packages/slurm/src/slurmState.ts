import type { JobState } from "@arkor/core";

/** The fields of `scontrol show job -o <id>`'s one line, by name. */
export function parseScontrol(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of line.matchAll(/(?:^|\s)([A-Za-z][\w/:]*)=(\S*)/g)) fields[match[1]!] ??= match[2]!;
  return fields;
}

const QUEUED = new Set(["PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD", "POWER_UP_NODE"]);
const RUNNING = new Set(["RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING", "UPDATE_DB"]);

export interface SlurmFacts {
  /** JobState, such as `FAILED` (sacct's `CANCELLED by 0` is cut to `CANCELLED`). */
  state: string;
  /** ExitCode, `code:signal`. */
  exitCode?: string;
  reason?: string;
  timeLimit?: string;
  node?: string;
  /** EndTime, in the controller's local time: `2026-12-06T10:53:06`, or `Unknown`. */
  endTime?: string;
}

/**
 * Slurm's state of a job as arkor's: PENDING and the like are `queued`,
 * RUNNING and the like `running`; every end maps to a status and a message
 * that says what happened in words, naming Slurm's state.
 */
export function jobStateOf(facts: SlurmFacts, what: string): JobState {
  const state = facts.state.split(/[\s+]/)[0]!.toUpperCase();
  if (QUEUED.has(state)) return { state: "queued", ...(facts.reason && facts.reason !== "None" && { reason: facts.reason }) };
  if (RUNNING.has(state)) return { state: "running", ...(facts.node && facts.node !== "(null)" && { node: facts.node }) };
  const [code, signal] = (facts.exitCode ?? "").split(":").map(Number);
  const ended = facts.endTime && /^\d{4}-\d\d-\d\dT/.test(facts.endTime) ? new Date(facts.endTime) : undefined;
  const exit = {
    ...(Number.isInteger(code) && { exitCode: code }),
    ...(Number.isInteger(signal) && signal! > 0 && { signal: String(signal) }),
    ...(ended && !Number.isNaN(ended.getTime()) && { endedAt: ended.toISOString() }),
  };
  switch (state) {
    case "COMPLETED":
      return { state: "ended", status: "completed", ...exit };
    case "CANCELLED":
      return { state: "ended", status: "cancelled", ...exit, message: `${what} was cancelled (Slurm CANCELLED)` };
    case "TIMEOUT":
      return { state: "ended", status: "timeout", ...exit, message: `${what} hit its time limit${facts.timeLimit ? ` of ${facts.timeLimit}` : ""} (Slurm TIMEOUT)` };
    case "FAILED": {
      // NonZeroExitCode is the command's own failure; any other reason (JobLaunchFailure) is Slurm's, and its "signal" is an error number.
      const reason = facts.reason && facts.reason !== "None" && facts.reason !== "NonZeroExitCode" ? facts.reason : undefined;
      const why = reason
        ? `${what} failed in Slurm before or while it ran (Slurm FAILED, reason ${reason})`
        : signal
          ? `${what} was killed by signal ${signal} (Slurm FAILED)`
          : `${what} exited with code ${code ?? "?"} (Slurm FAILED)`;
      return { state: "ended", status: "failed", ...exit, message: why };
    }
    case "OUT_OF_MEMORY":
      return { state: "ended", status: "failed", ...exit, message: `${what} ran out of memory (Slurm OUT_OF_MEMORY): ask for more with resources.memory` };
    case "NODE_FAIL":
      return { state: "ended", status: "failed", ...exit, message: `${what} stopped because its node failed (Slurm NODE_FAIL); run it again` };
    case "PREEMPTED":
      return { state: "ended", status: "failed", ...exit, message: `${what} was preempted by another job (Slurm PREEMPTED); run it again, or use a partition or qos without preemption` };
    case "BOOT_FAIL":
      return { state: "ended", status: "failed", ...exit, message: `${what} could not start: its node failed to boot (Slurm BOOT_FAIL)` };
    case "DEADLINE":
      return { state: "ended", status: "failed", ...exit, message: `${what} reached its deadline before it could end (Slurm DEADLINE)` };
    default:
      return { state: "ended", status: "failed", ...exit, message: `${what} ended in Slurm state ${state}` };
  }
}
