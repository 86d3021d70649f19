import { invalidOption } from "@arkor/core";

/**
 * The cancel timeout in milliseconds, from `--cancel-timeout` or else
 * `ARKOR_CANCEL_TIMEOUT` (both in seconds); undefined when neither is set.
 * An empty value is a mistake, not zero: it would give up at once.
 */
export function cancelTimeoutMs(flag: string | undefined, env: string | undefined): number | undefined {
  if (flag !== undefined) return parseSeconds(flag, "--cancel-timeout", "--cancel-timeout 30");
  if (env !== undefined) return parseSeconds(env, "ARKOR_CANCEL_TIMEOUT", "ARKOR_CANCEL_TIMEOUT=30");
  return undefined;
}

function parseSeconds(raw: string, name: string, example: string): number {
  if (raw.trim() === "") throw invalidOption(`${name} is empty; it must be a number of seconds. Example: ${example}.`);
  const ms = Number(raw) * 1000;
  if (!Number.isFinite(ms) || ms < 0) {
    throw invalidOption(`${name} must be a number of seconds, got "${raw}". Example: ${example}.`);
  }
  return ms;
}
