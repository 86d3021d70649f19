import type { Emitter } from "@arkor/core";

/** Says each warning about jobs once, as a `warning` event: a poll that fails every second must not say so every second. */
export function warnOnce(emitter: Emitter, code: string): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    emitter.emit({ type: "warning", code, message });
  };
}
