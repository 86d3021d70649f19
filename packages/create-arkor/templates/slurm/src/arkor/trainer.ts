import { createTrainer } from "arkor";

/**
 * A command trainer with the resources it needs. On this machine (the local
 * backend, the default) the time limit is enforced; on Slurm every resource
 * becomes an #SBATCH line of the job arkor submits with sbatch.
 */
export const trainer = createTrainer({
  name: "{{name}}",
  command: ["python3", "train.py", "--epochs", "200"],
  env: { SEED: "1" },
  resources: {
    cpus: 1,
    memory: "1G",
    time: "00:30:00",
    // gpus: 1,
  },
});
