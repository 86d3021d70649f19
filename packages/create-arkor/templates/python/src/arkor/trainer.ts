import { createTrainer } from "arkor";

/**
 * A command trainer: arkor runs the command as a job (on this machine, or on
 * the backend `--backend` or arkor.config names), streams its output, follows
 * the progress it writes to $ARKOR_PROGRESS_FILE, and keeps a record of it for
 * `arkor jobs` and the Studio. Ctrl-C sends the job SIGTERM.
 */
export const trainer = createTrainer({
  name: "{{name}}",
  command: ["python3", "train.py", "--epochs", "200"],
  env: { SEED: "1" },
  // What it needs: enforced here (time), and #SBATCH lines on Slurm.
  // resources: { cpus: 1, memory: "1G", time: "00:30:00" },
});
