import type { EventListener } from "@arkor/core";

/** `--json`: each event as one line of NDJSON, written whole in one call. */
export function jsonReporter(write: (text: string) => void): EventListener {
  return (event) => write(`${JSON.stringify(event)}\n`);
}
