import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventLog, LogEntry } from "./eventLog.js";
import { openStream, type EventStream } from "./eventStream.js";

/**
 * Streams the session's log as Server-Sent Events, each message with `id:` =
 * its number. The browser's EventSource sends the last id it saw as
 * `Last-Event-ID` when it reconnects, and gets only what it missed.
 */
export function streamEvents(request: IncomingMessage, response: ServerResponse, log: EventLog): EventStream {
  const stream = openStream(request, response, "sse");
  const write = (entry: LogEntry) => stream.send(entry.message, entry.id);
  const lastId = Number(request.headers["last-event-id"] ?? 0);
  for (const entry of log.since(Number.isInteger(lastId) && lastId > 0 ? lastId : 0)) write(entry);
  stream.onClose(log.subscribe(write));
  return stream;
}
