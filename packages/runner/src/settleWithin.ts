/** The longest delay a Node timer takes; a longer one fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * How `promise` settled, or "timeout" when it has not after `ms`. Any `ms` is
 * honoured: a wait longer than one timer allows is taken in several steps.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T> | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    const wait = (left: number) => {
      const step = Math.min(left, MAX_TIMER_MS);
      timer = setTimeout(() => (left > step ? wait(left - step) : resolve("timeout")), step);
    };
    wait(ms);
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
