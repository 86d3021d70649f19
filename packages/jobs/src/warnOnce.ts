import type { Emitter } from "@arkor/core";

/** Says each warning once, as a `warning` event: a backend that fails every poll must not say so every poll. */
export function warnOnce(emitter: Emitter, code: string): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    emitter.emit({ type: "warning", code, message });
  };
}
