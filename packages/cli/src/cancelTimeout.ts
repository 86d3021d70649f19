import { invalidOption } from "@arkor/core";

/** `--cancel-timeout <seconds>`, else ARKOR_CANCEL_TIMEOUT, in milliseconds; undefined for the default. */
export function parseCancelTimeout(flag: string | undefined, env: NodeJS.ProcessEnv): number | undefined {
  const source = flag !== undefined ? "--cancel-timeout" : "ARKOR_CANCEL_TIMEOUT";
  const raw = flag ?? env.ARKOR_CANCEL_TIMEOUT;
  if (raw === undefined) return undefined;
  const seconds = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw invalidOption(`${source} must be a number of seconds, got "${raw}". Example: ${source === "--cancel-timeout" ? "--cancel-timeout 30" : "ARKOR_CANCEL_TIMEOUT=30"}.`);
  }
  return seconds * 1000;
}
