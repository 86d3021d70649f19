import { describe, expect, it } from "vitest";
import { EventLog } from "./eventLog.js";

const run = (runId: string) => ({ type: "run.created" as const, runId, time: 0 });

describe("EventLog", () => {
  it("numbers entries from 1 and replays those after a given id", () => {
    const log = new EventLog();
    for (const id of ["a", "b", "c"]) log.append(run(id));
    expect(log.since(0).map((entry) => entry.id)).toEqual([1, 2, 3]);
    expect(log.since(1).map((entry) => [entry.id, entry.message])).toEqual([
      [2, run("b")],
      [3, run("c")],
    ]);
    expect(log.since(3)).toEqual([]);
  });

  it("tells subscribers each new entry until they unsubscribe", () => {
    const log = new EventLog();
    const seen: number[] = [];
    const unsubscribe = log.subscribe((entry) => seen.push(entry.id));
    log.append(run("a"));
    unsubscribe();
    log.append(run("b"));
    expect(seen).toEqual([1]);
  });

  it("drops the oldest entries beyond its capacity and keeps numbering", () => {
    const log = new EventLog(2);
    for (const id of ["a", "b", "c"]) log.append(run(id));
    expect(log.since(0).map((entry) => entry.id)).toEqual([2, 3]);
  });
});
