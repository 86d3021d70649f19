/**
 * A project that runs jobs on a real Slurm cluster, as a user would have it:
 * arkor installed with npm from the packed tarballs into a fresh folder, the
 * python fixture copied in, and a single-node cluster of its own
 * (scripts/slurm/cluster.mjs), which every arkor run and Slurm client reaches through SLURM_CONF.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSlurmCluster, type SlurmCluster } from "../slurm/cluster.mjs";
import { FIXTURES, spawnNode, type LiveProcess, type RunResult } from "./index.js";
import { installFromTarballs, packTarballs, type InstalledProject } from "./installedProject.js";

export interface SlurmProject {
  project: InstalledProject;
  cluster: SlurmCluster;
  /** Runs the installed bin in the project (Slurm's client tools find the cluster). */
  arkor(args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Starts it and returns the live process, for signals. */
  spawnArkor(args: string[], env?: NodeJS.ProcessEnv): LiveProcess;
  /** A Slurm client tool's output, such as scontrol's. */
  slurm(tool: string, args: string[]): string;
  /** Writes an entry whose trainer runs train.py with these arguments. */
  entry(name: string, args: string[], more?: string): string;
  close(): Promise<void>;
}

export async function createSlurmProject(): Promise<SlurmProject> {
  const cluster = await startSlurmCluster();
  const packDir = mkdtempSync(path.join(os.tmpdir(), "arkor-packs-"));
  let project: InstalledProject | undefined;
  try {
    // Client tools and every process the tests start reach this cluster, whatever /etc/slurm says.
    process.env.SLURM_CONF = cluster.conf;
    project = await installFromTarballs("npm", packTarballs(packDir));
    cpSync(path.join(FIXTURES, "python-trainer"), project.dir, { recursive: true, filter: (source) => !/[\\/](node_modules|package\.json)$/.test(source) });
  } catch (error) {
    await cluster.stop();
    throw error;
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  const installed = project;
  const bin = installed.path("node_modules/arkor/dist/cli.cjs");
  const env = (more: NodeJS.ProcessEnv = {}) => ({ SLURM_CONF: cluster.conf, ...more });
  const live: LiveProcess[] = [];
  return {
    project: installed,
    cluster,
    arkor: (args, more) => spawnNode([bin, ...args], { cwd: installed.dir, env: env(more) }).exited,
    spawnArkor(args, more) {
      const process = spawnNode([bin, ...args], { cwd: installed.dir, env: env(more) });
      live.push(process);
      return process;
    },
    slurm(tool, args) {
      return spawnSync(tool, args, { encoding: "utf8", env: { ...process.env, SLURM_CONF: cluster.conf } }).stdout;
    },
    entry(name, args, more = "") {
      const file = `src/arkor/${name}.ts`;
      installed.write(
        file,
        [
          'import { createArkor, createTrainer } from "arkor";',
          "export const arkor = createArkor({",
          `  trainer: createTrainer({ name: "${name}", command: ${JSON.stringify(["python3", "train.py", ...args])}, env: { SEED: "1" }, resources: { cpus: 1, memory: "200M" ${more} } }),`,
          "});",
          "",
        ].join("\n"),
      );
      return file;
    },
    async close() {
      for (const process of live) if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill("SIGKILL");
      await cluster.stop();
      installed.remove();
    },
  };
}
