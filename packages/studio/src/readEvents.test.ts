import type { ArkorEvent } from "@arkor/core";
import { describe, expect, it } from "vitest";
import { createEventReader } from "./readEvents.js";

function read(stream: "stdout" | "stderr", chunks: (string | Buffer)[]): ArkorEvent[] {
  const events: ArkorEvent[] = [];
  const reader = createEventReader(stream, (event) => events.push(event));
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return events;
}

describe("createEventReader", () => {
  it("joins an event split across chunks and parses each line", () => {
    const line = JSON.stringify({ v: 1, seq: 0, time: 1, type: "job.started", jobId: "j" });
    const events = read("stdout", [line.slice(0, 7), line.slice(7), "\n", '{"v":1,"seq":1,"time":2,"type":"end","exitCode":0}\n']);
    expect(events).toEqual([
      { v: 1, seq: 0, time: 1, type: "job.started", jobId: "j" },
      { v: 1, seq: 1, time: 2, type: "end", exitCode: 0 },
    ]);
  });

  it("turns a line that is not a JSON event into a log event of its stream", () => {
    const events = read("stdout", ["raw text\n{not json\n", '{"no":"type"}\n']);
    expect(events.map((event) => (event.type === "log" ? [event.stream, event.text] : event.type))).toEqual([
      ["stdout", "raw text\n"],
      ["stdout", "{not json\n"],
      ["stdout", '{"no":"type"}\n'],
    ]);
  });

  it("reads stderr as log lines only, and keeps a last line with no newline", () => {
    const events = read("stderr", ['{"type":"end","exitCode":1}\r\n', "last words"]);
    expect(events.map((event) => (event.type === "log" ? [event.stream, event.text] : event.type))).toEqual([
      ["stderr", '{"type":"end","exitCode":1}\n'],
      ["stderr", "last words\n"],
    ]);
  });

  it("decodes a character whose bytes are split between chunks", () => {
    const bytes = Buffer.from("löss\n");
    const events = read("stdout", [bytes.subarray(0, 2), bytes.subarray(2)]);
    expect(events).toMatchObject([{ type: "log", text: "löss\n" }]);
  });
});
