import type { ArkorEvent, ArkorEventBody } from "@arkor/core";
import { followFiles, lineSplitter, type FollowOptions } from "./followFiles.js";

/**
 * Follows a run's events.ndjson as it grows, handing each event on without
 * its envelope (`v`, `seq`, `time`), to be emitted again in another stream:
 * `arkor start --detach` relays its background run's, `arkor jobs logs` a
 * hand-written trainer's output. Lines that are not events are skipped.
 */
export async function followEvents(
  file: string,
  onEvent: (body: ArkorEventBody) => void,
  signal: AbortSignal,
  options: FollowOptions & { from?: number } = {},
): Promise<void> {
  const lines = lineSplitter((line) => {
    let event: ArkorEvent;
    try {
      event = JSON.parse(line) as ArkorEvent;
    } catch {
      return;
    }
    const { v, seq, time, ...body } = event;
    void v, seq, time;
    onEvent(body as ArkorEventBody);
  });
  await followFiles([{ path: file, from: options.from, onText: (text) => lines.push(text) }], signal, options);
  lines.flush();
}
