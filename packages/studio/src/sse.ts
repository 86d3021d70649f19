import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventLog, LogEntry } from "./eventLog.js";

export interface EventStream {
  /** Sends one message; `id` becomes the SSE `id:` (what a reconnect's `Last-Event-ID` says). */
  send(message: unknown, id?: number): void;
  /** Ends the stream (the page's EventSource would reconnect: only for a server that closes). */
  close(): void;
  /** Called once, when the page goes away or the stream is closed. */
  onClose(listener: () => void): void;
}

/** Answers a request with a Server-Sent Events stream, kept open by a comment now and then. */
export function openStream(request: IncomingMessage, response: ServerResponse): EventStream {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff",
  });
  const listeners: (() => void)[] = [];
  let closed = false;
  // A comment now and then, so proxies and the browser keep the stream open.
  const heartbeat = setInterval(() => response.write(": ping\n\n"), 15_000);
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
      if (!closed) response.write(`${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(message)}\n\n`);
    },
    close,
    onClose: (listener) => void listeners.push(listener),
  };
}

/**
 * Streams the session's log, each message with `id:` = its number. The
 * browser's EventSource sends the last id it saw as `Last-Event-ID` when it
 * reconnects, and gets only what it missed.
 */
export function streamEvents(request: IncomingMessage, response: ServerResponse, log: EventLog): EventStream {
  const stream = openStream(request, response);
  const write = (entry: LogEntry) => stream.send(entry.message, entry.id);
  const lastId = Number(request.headers["last-event-id"] ?? 0);
  for (const entry of log.since(Number.isInteger(lastId) && lastId > 0 ? lastId : 0)) write(entry);
  stream.onClose(log.subscribe(write));
  return stream;
}
