import { afterAll, beforeAll, expect, it } from "vitest";
import { jobRecords } from "../../../../scripts/test-utils/jobs.js";
import { createSlurmProject, type SlurmProject } from "../../../../scripts/test-utils/slurmProject.js";

// Its own file (and cluster), so the minute and more it waits for Slurm runs beside the other tests.
let slurm: SlurmProject;
beforeAll(async () => {
  slurm = await createSlurmProject();
}, 300_000);
afterAll(async () => slurm?.close(), 300_000);

it("a job past its resources.time of one minute ends as TIMEOUT, said as status timeout with Slurm's time limit", async () => {
  // Slurm counts time limits in whole minutes and checks them every half minute: this ends 60 to 95 s in.
  const entry = slurm.entry("too-long", ["--sleep", "1"], ", time: 1");
  const result = await slurm.arkor(["start", entry, "--backend", "slurm"]);
  const id = /Started job (\S+)/.exec(result.stdout)![1]!;
  expect(result.stdout).toContain(`Job ${id} finished with status=timeout\n`);
  expect(result.stderr).toContain(`error: job ${id} timeout: python3 train.py --sleep 1 hit its time limit of 00:01:00 (Slurm TIMEOUT).\n`);
  expect(result.code).toBe(1);
  expect(jobRecords(slurm.project)[0]).toMatchObject({ id, status: "timeout", exitCode: 1, resources: { time: 1 } });
}, 240_000);
