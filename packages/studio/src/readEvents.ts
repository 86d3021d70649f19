import type { ArkorEvent } from "@arkor/core";

export interface EventReader {
  /** Feeds the next chunk of the child's stdout (or stderr); lines may be split anywhere. */
  push(chunk: Buffer | string): void;
  /** The stream ended: a last line without a newline still counts. */
  end(): void;
}

/**
 * Bytes of an `arkor … --json` child to events. A line that is not a JSON
 * event is raw output (a grandchild writing to the inherited stdout, or
 * stderr text), and becomes a `log` event, so nothing the child prints is lost.
 *
 * Kept behind this one function until `@arkor/core` exports its own reader.
 */
export function createEventReader(stream: "stdout" | "stderr", onEvent: (event: ArkorEvent) => void): EventReader {
  let pending = "";
  const decoder = new TextDecoder();
  const line = (text: string) => {
    if (text === "") return;
    onEvent(parseLine(text, stream));
  };
  return {
    push(chunk) {
      pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      let newline;
      while ((newline = pending.indexOf("\n")) !== -1) {
        line(pending.slice(0, newline).replace(/\r$/, ""));
        pending = pending.slice(newline + 1);
      }
    },
    end() {
      pending += decoder.decode();
      line(pending);
      pending = "";
    },
  };
}

function parseLine(text: string, stream: "stdout" | "stderr"): ArkorEvent {
  if (stream === "stdout" && text.startsWith("{")) {
    try {
      const value = JSON.parse(text) as { type?: unknown };
      if (typeof value === "object" && value !== null && typeof value.type === "string") return value as ArkorEvent;
    } catch {
      // Not an event: raw output below.
    }
  }
  return { v: 1, seq: -1, time: Date.now(), type: "log", stream, text: `${text}\n` };
}
