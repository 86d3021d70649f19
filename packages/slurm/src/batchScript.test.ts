import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { batchScript } from "./batchScript.js";

describe("the batch script", () => {
  it("asks for the trainer's resources and the config's options as #SBATCH lines", () => {
    const script = batchScript(
      { name: "house prices (py)", command: ["python3", "train.py"], resources: { cpus: 2, memory: "4G", gpus: 1, time: "02:00:00" } },
      { jobId: "j1", cwd: "/p", env: {}, slurm: { partition: "gpu", account: "lab", qos: "high" } },
    );
    expect(script.split("\n").filter((line) => line.startsWith("#SBATCH"))).toEqual([
      "#SBATCH --job-name=house-prices-py",
      "#SBATCH --cpus-per-task=2",
      "#SBATCH --mem=4096M",
      "#SBATCH --gres=gpu:1",
      "#SBATCH --time=02:00:00",
      "#SBATCH --partition=gpu",
      "#SBATCH --account=lab",
      "#SBATCH --qos=high",
    ]);
    expect(batchScript({ command: ["x"], resources: { gpus: "a100:2" } }, { jobId: "j", cwd: "/p", env: {} })).toContain("#SBATCH --gres=gpu:a100:2\n");
  });

  it("runs the command as written, in the project, with the job's environment, whatever the quotes and spaces", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "arkor sbatch '"));
    try {
      const script = path.join(dir, "job.sbatch");
      const command = ["sh", "-c", 'printf "%s|%s|%s|%s\\n" "$PWD" "$1" "$NOTE" "$ARKOR_JOB_ID"', "arg0", "it's $HOME `x` \"q\""];
      writeFileSync(script, batchScript({ command }, { jobId: "j1", cwd: dir, env: { NOTE: "a 'b' $c\nd", ARKOR_JOB_ID: "j1" } }));
      const ran = spawnSync("sh", [script], { cwd: os.tmpdir(), encoding: "utf8" });
      expect(ran.stdout).toBe(`${dir}|it's $HOME \`x\` "q"|a 'b' $c\nd|j1\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
