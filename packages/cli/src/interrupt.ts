import { abortOnProcessSignals, exitCodeForAbort } from "@arkor/core";
import type { CommandOutput } from "./commandOutput.js";

/**
 * Runs `task` with a signal that Ctrl-C, SIGTERM or the host going away
 * aborts (for commands that only watch a job, which goes on). Resolves with
 * the exit code such an interruption calls for (130, 143, 141), or undefined when none came.
 */
export async function interruptible(output: CommandOutput, task: (signal: AbortSignal) => Promise<unknown>): Promise<number | undefined> {
  const controller = new AbortController();
  const removeHandlers = abortOnProcessSignals(controller, output.onForcedExit);
  const follow = () => controller.abort(output.signal.reason);
  if (output.signal.aborted) follow();
  else output.signal.addEventListener("abort", follow, { once: true });
  try {
    await task(controller.signal);
  } finally {
    removeHandlers();
    output.signal.removeEventListener("abort", follow);
  }
  return controller.signal.aborted ? exitCodeForAbort(controller.signal.reason) : undefined;
}
