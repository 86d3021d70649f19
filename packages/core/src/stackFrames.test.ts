import { describe, expect, it } from "vitest";
import { packageName, stackFrames } from "./stackFrames.js";
import { errorWithStack } from "../../../scripts/test-utils/errorWithStack.js";

describe("stackFrames", () => {
  it("reads named and anonymous frames, paths and file URLs, and drops Node's internals", () => {
    const error = errorWithStack(
      "process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "trainStep (/p/src/arkor/boom.ts:5:9)",
      "/p/src/main.ts:1:2",
      "async Promise.all (index 0)",
      "file:///p/my%20dir/x.mjs?v=1-2:3:4",
      "async /p/src/top.ts:8:1",
    );
    expect(stackFrames(error)).toEqual([
      { file: "/p/src/arkor/boom.ts", line: 5, column: 9 },
      { file: "/p/src/main.ts", line: 1, column: 2 },
      { file: "/p/my dir/x.mjs", line: 3, column: 4 },
      { file: "/p/src/top.ts", line: 8, column: 1 },
    ]);
  });

  it("keeps spaces, parentheses and non-ASCII characters in paths", () => {
    const error = errorWithStack("wait (/tmp/p (copy) é/src/boom.ts:5:9)", "/tmp/p (copy) é/src/top.ts:4:1");
    expect(stackFrames(error)).toEqual([
      { file: "/tmp/p (copy) é/src/boom.ts", line: 5, column: 9 },
      { file: "/tmp/p (copy) é/src/top.ts", line: 4, column: 1 },
    ]);
  });

  it("reads Windows frames: drive paths, UNC paths and file:///C:/ URLs", () => {
    const error = errorWithStack(
      "trainStep (C:\\Users\\me\\p\\src\\arkor\\boom.ts:5:9)",
      "C:\\Users\\me\\p\\src\\main.ts:1:2",
      "wait (d:/work/p/src/mixed.ts:7:3)",
      "load (\\\\server\\share\\p\\src\\top.ts:4:1)",
      "async file:///C:/Users/me/my%20dir/.arkor/build/index.mjs?v=1-2:3:4",
      "process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    );
    expect(stackFrames(error)).toEqual([
      { file: "C:\\Users\\me\\p\\src\\arkor\\boom.ts", line: 5, column: 9 },
      { file: "C:\\Users\\me\\p\\src\\main.ts", line: 1, column: 2 },
      { file: "d:/work/p/src/mixed.ts", line: 7, column: 3 },
      { file: "\\\\server\\share\\p\\src\\top.ts", line: 4, column: 1 },
      { file: "C:\\Users\\me\\my dir\\.arkor\\build\\index.mjs", line: 3, column: 4 },
    ]);
  });

  it("keeps spaces and parentheses in Windows paths", () => {
    const error = errorWithStack("wait (C:\\p (copy) é\\src\\boom.ts:5:9)", "C:\\p (copy) é\\src\\top.ts:4:1");
    expect(stackFrames(error)).toEqual([
      { file: "C:\\p (copy) é\\src\\boom.ts", line: 5, column: 9 },
      { file: "C:\\p (copy) é\\src\\top.ts", line: 4, column: 1 },
    ]);
  });

  it("returns nothing for a value that is not an Error", () => {
    expect(stackFrames("boom")).toEqual([]);
  });
});

describe("packageName", () => {
  it.each([
    ["lodash", "lodash"],
    ["lodash/fp", "lodash"],
    ["@scope/pkg", "@scope/pkg"],
    ["@scope/pkg/sub/path", "@scope/pkg"],
  ])("%s -> %s", (specifier, name) => expect(packageName(specifier)).toBe(name));
});
