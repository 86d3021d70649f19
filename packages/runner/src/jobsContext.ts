import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { jobNotStarted, type Emitter, type JobSpec, type SubmittedJob } from "@arkor/core";
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
  let asked = false;
  let submitted: string | undefined;
  return {
    async submit(spec) {
      // A run is one job, with one record: a second job of its own would share the first one's folder and id.
      if (asked) {
        const which = submitted ? `this run's job is ${submitted}` : "this run's job is being submitted";
        throw jobNotStarted(`ctx.submit() was called twice in one run; ${which}. Run one command per trainer (chain steps inside it, such as ["sh", "-c", "prep && train"]).`);
      }
      asked = true;
      const { name, config } = await chooseBackend(options);
      const backend = await loadBackend(name, config);
      const { submitJob } = await import("@arkor/jobs");
      let job = options.recorder?.claim();
      if (!job) {
        const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-job-"));
        temps.push(dir);
        job = { id: path.basename(dir), dir };
      }
      submitted = job.id;
      // Recorded before the backend is asked, so a refused job's record still says what was tried, and where.
      options.recorder?.update({ backend: backend.name, command: [...spec.command], ...(spec.resources && { resources: spec.resources }) });
      return submitJob({
        spec,
        backend,
        cwd: options.cwd,
        job,
        emitter: options.emitter,
        signal: options.signal,
        cancelTimeoutMs: options.cancelTimeoutMs,
        onSubmitted: (handle) => options.recorder?.update({ handle }),
      });
    },
    close() {
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    },
  };
}
