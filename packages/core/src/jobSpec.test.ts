import { describe, expect, it } from "vitest";
import { formatTimeLimit, normalizeResources } from "./jobSpec.js";
import { createTrainer, isCommandTrainer, type RunContext } from "./trainer.js";

describe("createTrainer({ command })", () => {
  it("makes a trainer that runs its command through the run's backend", async () => {
    const trainer = createTrainer({ name: "py", command: ["python3", "train.py"], env: { SEED: 1 }, resources: { cpus: 2, memory: "4G", gpus: 1, time: "02:00:00" } });
    expect(isCommandTrainer(trainer)).toBe(true);
    expect(trainer).toMatchObject({ name: "py", command: ["python3", "train.py"], env: { SEED: "1" }, resources: { cpus: 2, memory: "4G" } });
    const submitted: unknown[] = [];
    const job = { id: "j1", backend: "local", backendId: "1", wait: async () => ({ job: { id: "j1", status: "completed" } }), cancel: async () => void submitted.push("cancel") };
    const ctx = { signal: new AbortController().signal, report() {}, submit: async (spec: unknown) => (submitted.push(spec), job) } as RunContext;
    expect(await trainer.start(ctx)).toEqual({ jobId: "j1" });
    expect(submitted[0]).toEqual({ name: "py", command: ["python3", "train.py"], env: { SEED: "1" }, resources: { cpus: 2, memory: "4G", gpus: 1, time: "02:00:00" } });
    expect(await trainer.wait(ctx)).toEqual({ job: { id: "j1", status: "completed" } });
    await trainer.cancel!(ctx);
    expect(submitted).toContain("cancel");
  });

  it("says it needs arkor to run it when the context has no submit()", async () => {
    const trainer = createTrainer({ command: ["python3", "train.py"] });
    await expect(trainer.start({ signal: new AbortController().signal, report() {} } as unknown as RunContext)).rejects.toThrow(
      "this trainer runs a command (python3 train.py); run it with arkor start, or runTrainer() from the same arkor.",
    );
  });

  it.each([
    [{ command: ["python3"], start: async () => ({ jobId: "x" }) }, "createTrainer({...}): start cannot be given with command: a trainer either runs a command or codes start() and wait(). Remove one of them."],
    [{ command: [] }, 'createTrainer({...}): command is empty; give the program and its arguments, such as ["python3", "train.py"].'],
    [{ command: ["x"], resource: { gpus: 1 } }, 'createTrainer({...}): resource is not a field of a command trainer; did you mean "resources"?'],
    [{ command: ["x"], evn: { A: "1" } }, 'createTrainer({...}): evn is not a field of a command trainer; did you mean "env"?'],
    [{ command: "python3 train.py" }, 'createTrainer({...}): command must be an array of strings, run without a shell, such as ["python3","train.py"]; got a string.'],
    [{ command: ["python3", 3] }, "createTrainer({...}): command[1] must be a string; got number."],
    [{ command: [""] }, 'createTrainer({...}): command[0] is empty; it must name the program to run, such as "python3".'],
    [{ command: ["x"], env: { "MY-VAR": "1" } }, 'createTrainer({...}): env["MY-VAR"] is not a variable name a shell can set: use letters, digits and _, not starting with a digit.'],
    [{ command: ["x"], env: { SEED: true } }, "createTrainer({...}): env.SEED must be a string; got boolean."],
    [{ command: ["x"], resources: { gpu: 1 } }, 'createTrainer({...}): resources.gpu is not a resource arkor understands; did you mean "gpus"? Known: cpus, memory, gpus, time.'],
    [{ command: ["x"], resources: { mem: "4G" } }, 'createTrainer({...}): resources.mem is not a resource arkor understands; did you mean "memory"? Known: cpus, memory, gpus, time.'],
    [{ command: ["x"], resources: { disk: "4G" } }, "createTrainer({...}): resources.disk is not a resource arkor understands. Known: cpus, memory, gpus, time."],
    [{ command: ["x"], resources: { cpus: 1.5 } }, "createTrainer({...}): resources.cpus must be a whole number of cores, 1 or more; got 1.5."],
    [{ command: ["x"], resources: { memory: "4 gigs" } }, 'createTrainer({...}): resources.memory must be a size such as "4G", "512M" or a number of megabytes; got "4 gigs".'],
    [{ command: ["x"], resources: { gpus: -1 } }, 'createTrainer({...}): resources.gpus must be a number of GPUs, or "type:count" such as "a100:2"; got -1.'],
    [{ command: ["x"], resources: { time: "2h" } }, 'createTrainer({...}): resources.time must be a time limit such as "02:00:00", "90" (minutes), "1-12:00:00", or a number of minutes; got "2h".'],
  ])("refuses %j in one line naming the field", (options, message) => {
    expect(() => createTrainer(options as never)).toThrow(message);
    try {
      createTrainer(options as never);
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
    }
  });
});

describe("resources", () => {
  it("are converted to the units backends use, in every format Slurm accepts", () => {
    expect(normalizeResources({ cpus: 4, memory: "1.5G", gpus: "a100:2", time: "1-12:30:05" })).toEqual({
      cpus: 4,
      memoryMB: 1536,
      gpus: { type: "a100", count: 2 },
      timeSeconds: (36 * 60 + 30) * 60 + 5,
    });
    expect(normalizeResources({ memory: 512, time: 90 })).toEqual({ memoryMB: 512, timeSeconds: 5400 });
    expect(normalizeResources({ memory: "512MB", time: "90" }).timeSeconds).toBe(5400);
    expect(normalizeResources({ time: "05:30" }).timeSeconds).toBe(330);
    expect(normalizeResources({ time: "02:00:00" }).timeSeconds).toBe(7200);
    expect(normalizeResources({ time: "2-0" }).timeSeconds).toBe(2 * 86400);
    expect(normalizeResources({ memory: "64k" }).memoryMB).toBe(1);
  });

  it("formats a time limit as Slurm reads it", () => {
    expect(formatTimeLimit(60)).toBe("00:01:00");
    expect(formatTimeLimit(7200)).toBe("02:00:00");
    expect(formatTimeLimit(36 * 3600 + 5)).toBe("1-12:00:05");
  });
});
