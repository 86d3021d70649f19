import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventStream } from "./sse.js";

/**
 * Answers a request with a stream of JSON lines (NDJSON) that stays open,
 * with an empty line now and then so proxies keep it. For a job's output:
 * a page reads it with fetch() at the speed of JSON.parse, where an
 * EventSource's parser takes several times longer over a long job's megabytes.
 */
export function openNdjsonStream(request: IncomingMessage, response: ServerResponse): EventStream {
  response.writeHead(200, {
    "content-type": "application/x-ndjson; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  const listeners: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => response.write("\n"), 15_000);
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
    send(message) {
      if (!closed) response.write(`${JSON.stringify(message)}\n`);
    },
    close,
    onClose: (listener) => void listeners.push(listener),
  };
}
