import { defineConfig } from "arkor";

export default defineConfig({
  // Send jobs to Slurm by default (or for one run: arkor start --backend slurm).
  // It needs Slurm's client tools (sbatch, scontrol, scancel) on PATH, and SLURM_CONF when the cluster's slurm.conf is elsewhere.
  // backend: "slurm",
  // slurm: { partition: "gpu", account: "my-lab", qos: "normal", sbatchArgs: ["--constraint=a100"] },
});
