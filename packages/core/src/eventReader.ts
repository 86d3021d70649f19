import { EVENT_VERSION, type ArkorEvent, type EventListener, type LogEvent } from "./events.js";
import { nodeStringDecoder } from "./nodeBuiltins.js";

/**
 * The sequence number a reader gives a line that was not an event (a
 * grandchild's output written straight to the inherited stdout): it was
 * never numbered by arkor, so it gets none of arkor's numbers.
 */
export const RAW_LINE_SEQ = -1;

export interface EventReader {
  /** Feeds the next bytes (or text) of the stream; whole lines are handed on at once. */
  push(chunk: string | Uint8Array): void;
  /** The stream ended: hands on a last line that had no newline. */
  end(): void;
}

/**
 * For a host that runs `arkor … --json` in another process: turns its stdout,
 * chunk by chunk, into events. Lines may arrive split across chunks (a
 * multi-byte character included) and end in `\n` or `\r\n`. A line that is not
 * an event becomes a `log` event on stdout with `seq` -1; a line where raw
 * output was glued in front of an event (`hi{"v":1,…}`) gives both: the raw
 * part as a log without a newline (none was written), then the event.
 */
export function createEventReader(onEvent: EventListener): EventReader {
  const decoder = new (nodeStringDecoder().StringDecoder)("utf8");
  let pending = "";
  const take = (text: string) => {
    pending += text;
    let newline: number;
    while ((newline = pending.indexOf("\n")) !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      readLine(line.endsWith("\r") ? line.slice(0, -1) : line, onEvent);
    }
  };
  return {
    push(chunk) {
      take(typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    },
    end() {
      take(decoder.end());
      if (pending !== "") readLine(pending, onEvent);
      pending = "";
    },
  };
}

/** The events of a byte stream (a child's stdout), as they arrive. */
export async function* readEvents(stream: AsyncIterable<string | Uint8Array>): AsyncGenerator<ArkorEvent> {
  const queue: ArkorEvent[] = [];
  const reader = createEventReader((event) => queue.push(event));
  for await (const chunk of stream) {
    reader.push(chunk);
    yield* queue.splice(0);
  }
  reader.end();
  yield* queue.splice(0);
}

function readLine(line: string, onEvent: EventListener): void {
  const event = parseEvent(line);
  if (event) return onEvent(event);
  // Raw output glued in front of an event: the event starts at the last `{"v":` that parses to the end of the line.
  for (let start = line.lastIndexOf('{"v":'); start > 0; start = line.lastIndexOf('{"v":', start - 1)) {
    const glued = parseEvent(line.slice(start));
    if (glued) {
      onEvent(rawLine(line.slice(0, start), ""));
      return onEvent(glued);
    }
  }
  onEvent(rawLine(line));
}

function parseEvent(line: string): ArkorEvent | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(line) as Partial<ArkorEvent> | null;
    return typeof value === "object" && value !== null && typeof value.v === "number" && typeof value.type === "string" ? (value as ArkorEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** A line that was not an event, as a log; `ending` is the newline it had (none when an event was glued to it). */
function rawLine(text: string, ending = "\n"): LogEvent & ArkorEvent {
  return { type: "log", stream: "stdout", text: text + ending, v: EVENT_VERSION, seq: RAW_LINE_SEQ, time: Date.now() };
}
