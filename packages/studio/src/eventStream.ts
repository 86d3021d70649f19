import type { IncomingMessage, ServerResponse } from "node:http";

export interface EventStream {
  /** Sends one message; with SSE, `id` becomes its `id:` (what a reconnect's `Last-Event-ID` says). */
  send(message: unknown, id?: number): void;
  /** Whether the page is behind: what was sent has not all reached it yet. */
  readonly congested: boolean;
  /** Ends the stream (a page reading it would connect again). */
  close(): void;
  /** Called once, when the page goes away or the stream is closed. */
  onClose(listener: () => void): void;
}

/**
 * Answers a request with a stream of messages that stays open, with a
 * keep-alive now and then so proxies keep it:
 * - `sse`: Server-Sent Events, for an `EventSource` (reconnects by itself, with `Last-Event-ID`);
 * - `ndjson`: JSON lines, read with `fetch()`, at the speed of `JSON.parse`, where an
 *   EventSource's own parser takes several times longer over a long job's megabytes.
 */
export function openStream(request: IncomingMessage, response: ServerResponse, kind: "sse" | "ndjson"): EventStream {
  response.writeHead(200, {
    "content-type": kind === "sse" ? "text/event-stream; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff",
  });
  const listeners: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => response.write(kind === "sse" ? ": ping\n\n" : "\n"), 15_000);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of listeners) listener();
    response.end();
  };
  request.on("close", close);
  return {
    send(message, id) {
      if (closed) return;
      const json = JSON.stringify(message);
      response.write(kind === "sse" ? `${id === undefined ? "" : `id: ${id}\n`}data: ${json}\n\n` : `${json}\n`);
    },
    get congested() {
      return response.writableNeedDrain;
    },
    close,
    onClose: (listener) => void listeners.push(listener),
  };
}
