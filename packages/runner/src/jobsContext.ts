import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Emitter, JobSpec, SubmittedJob } from "@arkor/core";
import type { JobRecorder } from "@arkor/jobs";
import { chooseBackend, loadBackend, type BackendChoice } from "./backends.js";

export interface JobsContextOptions extends BackendChoice {
  cwd: string;
  emitter: Emitter;
  signal: AbortSignal;
  cancelTimeoutMs: number;
  /** The run's record in the store; without one (runTrainer's default) a job's files go to a temp folder. */
  recorder?: JobRecorder;
}

/**
 * `ctx.submit()` for one run: chooses the backend (loading the config and the
 * backend's package only now), gives the job the run's folder in the store,
 * records the backend's handle, and follows the job.
 */
export function jobsContext(options: JobsContextOptions): { submit(spec: JobSpec): Promise<SubmittedJob>; close(): void } {
  const temps: string[] = [];
  return {
    async submit(spec) {
      const { name, config } = await chooseBackend(options);
      const backend = await loadBackend(name, config);
      const { submitJob } = await import("@arkor/jobs");
      let job = options.recorder?.claim();
      if (!job) {
        const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-job-"));
        temps.push(dir);
        job = { id: path.basename(dir), dir };
      }
      return submitJob({
        spec,
        backend,
        cwd: options.cwd,
        job,
        emitter: options.emitter,
        signal: options.signal,
        cancelTimeoutMs: options.cancelTimeoutMs,
        onSubmitted: (handle) => options.recorder?.update({ handle, ...(spec.resources && { resources: spec.resources }) }),
      });
    },
    close() {
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    },
  };
}
