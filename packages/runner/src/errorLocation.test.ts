import { describe, expect, it } from "vitest";
import { errorLocation, withLocation } from "./errorLocation.js";
import { errorWithStack } from "../../../scripts/test-utils/errorWithStack.js";

describe("errorLocation", () => {
  it("names the first frame outside Node and node_modules, relative to the project", () => {
    const error = errorWithStack(
      "process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "helper (/p/node_modules/lib/index.js:1:1)",
      "trainStep (/p/src/arkor/boom.ts:5:9)",
      "main (/p/src/arkor/index.ts:1:1)",
    );
    expect(errorLocation(error, "/p")).toBe("src/arkor/boom.ts:5:9");
  });

  it("reads file URLs, anonymous frames and paths with spaces or parentheses", () => {
    expect(errorLocation(errorWithStack("file:///p/my%20dir/x.mjs:3:4"), "/p")).toBe("my dir/x.mjs:3:4");
    expect(errorLocation(errorWithStack("fn (/p/my dir/ü.ts:7:1)"), "/p")).toBe("my dir/ü.ts:7:1");
    expect(errorLocation(errorWithStack("fn (/p (copy)/src/boom.ts:5:9)"), "/p (copy)")).toBe("src/boom.ts:5:9");
  });

  it("skips the runner's own frames", () => {
    const own = new URL("./runTrainer.js", import.meta.url).pathname;
    expect(errorLocation(errorWithStack(`callTrainer (${own}:10:1)`, "wait (/p/src/boom.ts:5:9)"), "/p")).toBe("src/boom.ts:5:9");
  });

  it("ignores a query string on the artifact's URL", () => {
    expect(errorLocation(errorWithStack("file:///p/.arkor/build/index.mjs?v=1-2:10:3"), "/p")).toBe(".arkor/build/index.mjs:10:3");
  });

  it("says nothing when there is no usable frame", () => {
    expect(errorLocation(errorWithStack("node:internal/modules/esm/utils:346:16"), "/p")).toBeUndefined();
    expect(errorLocation("not an error", "/p")).toBeUndefined();
    expect(withLocation("msg", "not an error", "/p")).toBe("msg");
  });
});
