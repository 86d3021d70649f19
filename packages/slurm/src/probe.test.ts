import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probeSlurm } from "./probe.js";

const saved = { PATH: process.env.PATH, SLURM_CONF: process.env.SLURM_CONF };
const folders: string[] = [];
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.SLURM_CONF === undefined) delete process.env.SLURM_CONF;
  else process.env.SLURM_CONF = saved.SLURM_CONF;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A folder holding a stand-in `sinfo` that prints `stderr` and exits with `code`. */
function fakeSinfo(code: number, stderr = ""): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "arkor-fake-sinfo-"));
  folders.push(folder);
  writeFileSync(path.join(folder, "sinfo"), `#!/bin/sh\nprintf '%s' '${stderr}' >&2\nexit ${code}\n`);
  chmodSync(path.join(folder, "sinfo"), 0o755);
  return folder;
}

describe("probeSlurm", () => {
  it("is usable when sinfo answers", async () => {
    delete process.env.SLURM_CONF;
    process.env.PATH = fakeSinfo(0);
    expect(await probeSlurm()).toEqual({ usable: true });
  });

  it("says why not, in arkor start's words: no tools, a SLURM_CONF that is not there, a controller that does not answer", async () => {
    delete process.env.SLURM_CONF;
    process.env.PATH = mkdtempSync(path.join(os.tmpdir(), "arkor-empty-path-"));
    folders.push(process.env.PATH);
    const missing = await probeSlurm();
    expect(missing).toMatchObject({ usable: false });
    expect(missing.usable || missing.reason).toMatch(/^The slurm backend needs Slurm's client tools, but sinfo is not on PATH/);

    process.env.SLURM_CONF = "/nowhere/slurm.conf";
    expect(await probeSlurm()).toEqual({ usable: false, reason: "SLURM_CONF names /nowhere/slurm.conf, which does not exist. Point it at the cluster's slurm.conf, or run with --backend local." });

    delete process.env.SLURM_CONF;
    process.env.PATH = fakeSinfo(1, "slurm_load_partitions: Unable to contact slurm controller (connect failure)\n");
    expect(await probeSlurm()).toEqual({
      usable: false,
      reason: "Slurm did not answer (sinfo: Unable to contact slurm controller (connect failure)). Check that the cluster is up (sinfo) and that SLURM_CONF names its slurm.conf.",
    });
  });
});
