import { describe, expect, it } from "vitest";
import { jobStateOf, parseScontrol } from "./slurmState.js";

// As `scontrol show job -o` printed it for a job that exited 3 (Slurm 22.05).
const FAILED_LINE =
  "JobId=1 JobName=t1 UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:02 TimeLimit=UNLIMITED TimeMin=N/A NodeList=vm BatchHost=vm Command=/tmp/slurm test/job.sh WorkDir=/tmp/slurmtest StdErr=/tmp/slurmtest/e.log";

describe("Slurm's job states", () => {
  it("are read from scontrol's one-line form", () => {
    expect(parseScontrol(FAILED_LINE)).toMatchObject({ JobId: "1", JobState: "FAILED", ExitCode: "3:0", Reason: "NonZeroExitCode", BatchHost: "vm", TimeLimit: "UNLIMITED" });
  });

  it.each([
    [{ state: "PENDING", reason: "Resources" }, { state: "queued", reason: "Resources" }],
    [{ state: "PENDING", reason: "None" }, { state: "queued" }],
    [{ state: "CONFIGURING" }, { state: "queued" }],
    [{ state: "RUNNING", node: "gpu01" }, { state: "running", node: "gpu01" }],
    [{ state: "COMPLETING", exitCode: "0:0" }, { state: "running" }],
    [{ state: "COMPLETED", exitCode: "0:0" }, { state: "ended", status: "completed", exitCode: 0 }],
    [{ state: "FAILED", exitCode: "3:0" }, { state: "ended", status: "failed", exitCode: 3, message: "python3 train.py exited with code 3 (Slurm FAILED)" }],
    [{ state: "FAILED", exitCode: "0:9" }, { state: "ended", status: "failed", exitCode: 0, signal: "9", message: "python3 train.py was killed by signal 9 (Slurm FAILED)" }],
    [{ state: "CANCELLED by 0", exitCode: "0:15" }, { state: "ended", status: "cancelled", exitCode: 0, signal: "15", message: "python3 train.py was cancelled (Slurm CANCELLED)" }],
    [{ state: "TIMEOUT", exitCode: "0:0", timeLimit: "00:01:00" }, { state: "ended", status: "timeout", exitCode: 0, message: "python3 train.py hit its time limit of 00:01:00 (Slurm TIMEOUT)" }],
    [{ state: "FAILED", exitCode: "0:53", reason: "JobLaunchFailure" }, { status: "failed", message: "python3 train.py failed in Slurm before or while it ran (Slurm FAILED, reason JobLaunchFailure)" }],
    [{ state: "COMPLETED", exitCode: "0:0", endTime: "2026-12-06T10:53:06" }, { status: "completed", endedAt: new Date("2026-12-06T10:53:06").toISOString() }],
    [{ state: "OUT_OF_MEMORY", exitCode: "0:125" }, { status: "failed", message: "python3 train.py ran out of memory (Slurm OUT_OF_MEMORY): ask for more with resources.memory" }],
    [{ state: "NODE_FAIL" }, { status: "failed", message: "python3 train.py stopped because its node failed (Slurm NODE_FAIL); run it again" }],
    [{ state: "PREEMPTED" }, { status: "failed", message: "python3 train.py was preempted by another job (Slurm PREEMPTED); run it again, or use a partition or qos without preemption" }],
    [{ state: "BOOT_FAIL" }, { status: "failed", message: "python3 train.py could not start: its node failed to boot (Slurm BOOT_FAIL)" }],
    [{ state: "SPECIAL_EXIT" }, { status: "failed", message: "python3 train.py ended in Slurm state SPECIAL_EXIT" }],
  ])("%j is %j", (facts, expected) => {
    expect(jobStateOf(facts, "python3 train.py")).toMatchObject(expected);
  });
});
