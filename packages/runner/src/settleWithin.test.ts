import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_TIMER_MS, settleWithin } from "./settleWithin.js";

const never = new Promise<never>(() => {});

/** Tracks whether the race has answered yet, and with what. */
function watch<T>(race: Promise<T>) {
  const state: { answer?: T } = {};
  void race.then((answer) => (state.answer = answer));
  return state;
}

describe("settleWithin", () => {
  // Vitest's fake timers fire an over-long delay after 1 ms, as Node does.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers with the value or the error when the promise settles in time", async () => {
    await expect(settleWithin(Promise.resolve(7), 1000)).resolves.toEqual({ ok: true, value: 7 });
    const error = new Error("boom");
    await expect(settleWithin(Promise.reject(error), 1000)).resolves.toEqual({ ok: false, error });
  });

  it("answers timeout after ms, not before", async () => {
    const state = watch(settleWithin(never, 500));
    await vi.advanceTimersByTimeAsync(499);
    expect(state.answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.answer).toBe("timeout");
  });

  it("honours a wait longer than one Node timer allows (3 000 000 s)", async () => {
    const ms = 3_000_000_000;
    const state = watch(settleWithin(never, ms));
    await vi.advanceTimersByTimeAsync(1);
    expect(state.answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(state.answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(ms - MAX_TIMER_MS - 2);
    expect(state.answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.answer).toBe("timeout");
  });

  it("leaves no timer behind once the promise settles", async () => {
    await settleWithin(Promise.resolve("done"), 3_000_000_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
