import { describe, expect, it } from "vitest";
import { RAW_LINE_SEQ, createEventReader, readEvents } from "./eventReader.js";
import type { ArkorEvent } from "./events.js";

const started = { v: 1, seq: 0, time: 1, type: "job.started", jobId: "job-1" };
const ended = { v: 1, seq: 1, time: 2, type: "end", exitCode: 0 };
const line = (event: object) => `${JSON.stringify(event)}\n`;

function readAll(chunks: (string | Uint8Array)[]): ArkorEvent[] {
  const events: ArkorEvent[] = [];
  const reader = createEventReader((event) => events.push(event));
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return events;
}

/** Raw lines carry the time they were read; compare them without it. */
const withoutTime = (events: ArkorEvent[]) => events.map(({ time, ...rest }) => (rest.seq === RAW_LINE_SEQ ? rest : { ...rest, time }));

describe("createEventReader", () => {
  it("parses one event per line", () => {
    expect(readAll([line(started) + line(ended)])).toEqual([started, ended]);
  });

  it("joins a line split across chunks, at any byte", () => {
    const text = line(started) + line(ended);
    for (let at = 1; at < text.length; at++) {
      expect(readAll([text.slice(0, at), text.slice(at)])).toEqual([started, ended]);
    }
  });

  it("joins a multi-byte character split across byte chunks", () => {
    const event = { v: 1, seq: 0, time: 1, type: "log", stream: "stdout", text: "loss → 0.5 ✓ 😀\n" };
    const bytes = new TextEncoder().encode(line(event));
    for (let at = 1; at < bytes.length; at++) {
      expect(readAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual([event]);
    }
  });

  it("accepts \\r\\n line endings", () => {
    expect(readAll([`${JSON.stringify(started)}\r\n${JSON.stringify(ended)}\r\n`])).toEqual([started, ended]);
  });

  it("turns a line that is not an event into a stdout log with seq -1", () => {
    const events = readAll(["hi\n", '{"not":"an event"}\n', "[1,2]\n", line(ended)]);
    expect(withoutTime(events)).toEqual([
      { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "hi\n" },
      { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: '{"not":"an event"}\n' },
      { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "[1,2]\n" },
      ended,
    ]);
    expect(RAW_LINE_SEQ).toBe(-1);
    expect(typeof events[0]!.time).toBe("number");
  });

  it("splits raw output glued in front of an event into a log and the event", () => {
    const events = readAll([`hel${line(started)}lo\n`]);
    expect(withoutTime(events)).toEqual([
      { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "hel" },
      started,
      { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "lo\n" },
    ]);
  });

  it("keeps an event whose fields contain another event's text whole", () => {
    const nested = { v: 1, seq: 0, time: 1, type: "log", stream: "stdout", text: `${JSON.stringify(started)}\n` };
    expect(readAll([`x${line(nested)}`]).slice(1)).toEqual([nested]);
  });

  it("hands on a last line without a newline at the end, and nothing for an empty stream", () => {
    expect(readAll([JSON.stringify(ended)])).toEqual([ended]);
    expect(withoutTime(readAll(["tail"]))).toEqual([{ v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "tail\n" }]);
    expect(readAll([])).toEqual([]);
  });

  it("passes on types it does not know, for the host to ignore", () => {
    const future = { v: 1, seq: 5, time: 3, type: "gpu.temperature", celsius: 70 };
    expect(readAll([line(future)])).toEqual([future]);
  });
});

describe("readEvents", () => {
  it("yields the events of an async stream of chunks", async () => {
    async function* chunks() {
      yield `${JSON.stringify(started).slice(0, 10)}`;
      yield `${JSON.stringify(started).slice(10)}\nraw`;
      yield new TextEncoder().encode(`\n${JSON.stringify(ended)}`);
    }
    const events: ArkorEvent[] = [];
    for await (const event of readEvents(chunks())) events.push(event);
    expect(withoutTime(events)).toEqual([started, { v: 1, seq: RAW_LINE_SEQ, type: "log", stream: "stdout", text: "raw\n" }, ended]);
  });
});
