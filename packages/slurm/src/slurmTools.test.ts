import { describe, expect, it } from "vitest";
import { sbatchArguments } from "./slurmBackend.js";
import { runTool, slurmReason, slurmUnreachable } from "./slurmTools.js";

describe("Slurm's messages", () => {
  it.each([
    ["sbatch: error: invalid partition specified: nosuch\nsbatch: error: Batch job submission failed: Invalid partition name specified\n", "Invalid partition name specified"],
    ["sbatch: error: Invalid generic resource (gres) specification\n", "Invalid generic resource (gres) specification"],
    ["sbatch: unrecognized option '--bogus-flag'\nTry \"sbatch --help\" for more information\n", "unrecognized option '--bogus-flag'"],
    ["sbatch: error: Memory specification can not be satisfied\nsbatch: error: Batch job submission failed: Requested node configuration is not available\n", "Requested node configuration is not available"],
  ])("%j gives the reason %j", (stderr, reason) => {
    expect(slurmReason(stderr)).toBe(reason);
  });

  it("say to set SLURM_CONF when Slurm's configuration was not found", () => {
    expect(
      slurmUnreachable(
        "sbatch",
        "sbatch: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host\nsbatch: error: fetch_config: DNS SRV lookup failed\nsbatch: error: _establish_config_source: failed to fetch config\nsbatch: fatal: Could not establish a configuration source\n",
      ).message,
    ).toBe(
      "Slurm's configuration was not found (sbatch: _establish_config_source: failed to fetch config). Set SLURM_CONF to the cluster's slurm.conf, or run with --backend local.",
    );
    expect(slurmUnreachable("scontrol", "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n").message).toBe(
      "Slurm did not answer (scontrol: slurm_load_jobs error: Unable to contact slurm controller (connect failure)). Check that the cluster is up (sinfo) and that SLURM_CONF names its slurm.conf.",
    );
  });
});

describe("sbatch's command line", () => {
  it("puts arkor's options first, writes a path's % as %%, and the config's arguments after", () => {
    const files = { stdout: "/p/a%j/.arkor/jobs/x/stdout.log", stderr: "/p/a%j/.arkor/jobs/x/stderr.log", progress: "" };
    expect(sbatchArguments({ files, cwd: "/p/a%j" }, { sbatchArgs: ["--exclusive"] }, "/p/a%j/.arkor/jobs/x/job.sbatch")).toEqual([
      "--parsable",
      "--output=/p/a%%j/.arkor/jobs/x/stdout.log",
      "--error=/p/a%%j/.arkor/jobs/x/stderr.log",
      "--chdir=/p/a%j",
      "--exclusive",
      "/p/a%j/.arkor/jobs/x/job.sbatch",
    ]);
  });
});

describe("Slurm's client tools", () => {
  it("are not run with a SLURM_CONF that does not exist (they would retry it for a minute)", async () => {
    const saved = process.env.SLURM_CONF;
    process.env.SLURM_CONF = "/nonexistent/slurm.conf";
    try {
      await expect(runTool("scontrol", ["show", "job", "1"])).rejects.toMatchObject({
        code: "BACKEND_UNAVAILABLE",
        message: "SLURM_CONF names /nonexistent/slurm.conf, which does not exist. Point it at the cluster's slurm.conf, or run with --backend local.",
      });
    } finally {
      if (saved === undefined) delete process.env.SLURM_CONF;
      else process.env.SLURM_CONF = saved;
    }
  });
});
