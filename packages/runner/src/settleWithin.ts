export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Node's timers cap at 2^31-1 ms; a longer wait is chained in steps of that. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How `promise` settled, or "timeout" when it did not within `ms`. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T> | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    const deadline = Date.now() + ms;
    const arm = () => {
      const left = deadline - Date.now();
      if (left <= 0) return resolve("timeout");
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    };
    arm();
  });
  try {
    return await Promise.race([
      promise.then((value): Settled<T> => ({ ok: true, value }), (error): Settled<T> => ({ ok: false, error })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
