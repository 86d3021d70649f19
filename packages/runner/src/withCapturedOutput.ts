import { captureOutput, type Emitter } from "@arkor/core";

/** Runs `task` with process output captured as `log` events when asked, restoring it whatever happens. */
export async function withCapturedOutput<T>(capture: boolean | undefined, emitter: Emitter, task: () => Promise<T>): Promise<T> {
  if (!capture) return task();
  const restore = captureOutput(emitter);
  try {
    return await task();
  } finally {
    restore();
  }
}
