import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventLog, LogEntry } from "./eventLog.js";

/**
 * Streams the log as Server-Sent Events, each with `id:` = its number. The
 * browser's EventSource sends the last id it saw as `Last-Event-ID` when it
 * reconnects, and gets only what it missed.
 */
export function streamEvents(request: IncomingMessage, response: ServerResponse, log: EventLog): () => void {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
  });
  const write = (entry: LogEntry) => response.write(`id: ${entry.id}\ndata: ${JSON.stringify(entry.message)}\n\n`);
  const lastId = Number(request.headers["last-event-id"] ?? 0);
  for (const entry of log.since(Number.isInteger(lastId) && lastId > 0 ? lastId : 0)) write(entry);
  const unsubscribe = log.subscribe(write);
  // A comment now and then, so proxies and the browser keep the stream open.
  const heartbeat = setInterval(() => response.write(": ping\n\n"), 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    response.end();
  };
  request.on("close", close);
  return close;
}
