/**
 * Reads a stream of JSON lines from the server, handing each message on, and
 * reads it again from the start after a drop (the server sends everything
 * anew). Stops retrying when the server refuses (a 4xx): `onRefused` gets why.
 */
export function readJsonLines<T>(url: string, handlers: { onMessage(message: T): void; onRefused(error: string): void; onConnection(up: boolean): void }): void {
  const connect = async (): Promise<void> => {
    let response: Response;
    try {
      response = await fetch(url);
    } catch {
      handlers.onConnection(false);
      setTimeout(() => void connect(), 2000);
      return;
    }
    if (response.status >= 400 && response.status < 500) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      handlers.onRefused(body.error ?? `The server refused (${response.status}).`);
      return;
    }
    handlers.onConnection(true);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let partial = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const lines = (partial + value).split("\n");
        partial = lines.pop()!;
        for (const line of lines) if (line !== "") handlers.onMessage(JSON.parse(line) as T);
      }
    } catch {
      // Dropped: read again below.
    }
    handlers.onConnection(false);
    setTimeout(() => void connect(), 2000);
  };
  void connect();
}
