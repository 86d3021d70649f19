import type { ArkorEvent, EventOf } from "@arkor/core";

/** What the server tells the page, over Server-Sent Events. */
export type StudioMessage =
  | { type: "project"; cwd: string; name: string }
  /** An event of the background `arkor build --watch --json` child. */
  | { type: "build"; event: ArkorEvent }
  /** The result of `arkor manifest --json --inspect`, re-read after each build and on page load. */
  | { type: "manifest"; event: EventOf<"manifest"> }
  /** Why the manifest or the watcher could not be read: one line. */
  | { type: "studio.error"; source: "manifest" | "watch"; message: string }
  /** A run the page started; `backend` when it chose one (else the project's stands). */
  | { type: "run.created"; runId: string; time: number; backend?: string }
  /** An event of the run's `arkor start --json` child. */
  | { type: "run.event"; runId: string; event: ArkorEvent }
  | { type: "run.exit"; runId: string; exitCode: number | null; signal: string | null; time: number };

export interface LogEntry {
  /** The server's sequence: the SSE `id:`, so a reconnect's `Last-Event-ID` says what the page already has. */
  id: number;
  message: StudioMessage;
}

/**
 * Every message of this session, numbered, for the page to replay. A page
 * that connects gets everything (its state is built from the messages
 * alone); one that reconnects gets only what it missed.
 */
export class EventLog {
  private entries: LogEntry[] = [];
  private nextId = 1;
  private listeners = new Set<(entry: LogEntry) => void>();

  /** Beyond this many, the oldest are dropped (a very long session's logs). */
  constructor(private readonly capacity = 50_000) {}

  append(message: StudioMessage): LogEntry {
    const entry = { id: this.nextId++, message };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** The entries after `lastId` (all of them for 0). */
  since(lastId: number): LogEntry[] {
    const first = this.entries.findIndex((entry) => entry.id > lastId);
    return first === -1 ? [] : this.entries.slice(first);
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
