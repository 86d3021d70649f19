import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JobBackend, JobHandle, JobSpec, JobState } from "@arkor/core";
import { afterEach, describe, expect, it } from "vitest";
import { isGroupAlive, processStartTime } from "../processInfo.js";
import { localBackend, type LocalHandle } from "./localBackend.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-local-"));
  dirs.push(dir);
  const files = { stdout: path.join(dir, "stdout.log"), stderr: path.join(dir, "stderr.log"), progress: path.join(dir, "progress.ndjson") };
  const backend = localBackend();
  const submit = (spec: JobSpec, env: Record<string, string> = {}) =>
    backend.submit(spec, { jobId: "j", cwd: dir, dir, files, env, signal: new AbortController().signal }) as Promise<LocalHandle>;
  return { dir, files, backend, submit };
}

/** How the job ended, as the backend tells its own child's exit. */
async function ended(backend: JobBackend, handle: JobHandle): Promise<Extract<JobState, { state: "ended" }>> {
  const state = await backend.ended!(handle);
  if (state?.state !== "ended") throw new Error(`not ended: ${JSON.stringify(state)}`);
  return state;
}

describe("the local backend", () => {
  it("runs the command in the project with the job's environment, its output in the job's files", async () => {
    const { backend, submit, files } = setup();
    const handle = await submit({ command: ["sh", "-c", 'echo "out $SEED $PWD"; echo err >&2'] }, { SEED: "7" });
    expect(handle).toMatchObject({ id: String(handle.pid), host: os.hostname() });
    expect(await ended(backend, handle)).toEqual({ state: "ended", status: "completed", exitCode: 0 });
    expect(readFileSync(files.stdout, "utf8")).toBe(`out 7 ${path.dirname(files.stdout)}\n`);
    expect(readFileSync(files.stderr, "utf8")).toBe("err\n");
    expect(await backend.status(handle)).toEqual({ state: "ended", status: "completed", exitCode: 0 });
  });

  it("says how a failed command ended", async () => {
    const { backend, submit } = setup();
    expect(await ended(backend, await submit({ command: ["sh", "-c", "exit 3"] }))).toEqual({ state: "ended", status: "failed", exitCode: 3, message: "sh -c exit 3 exited with code 3" });
    expect(await ended(backend, await submit({ command: ["sh", "-c", "kill -9 $$"] }))).toEqual({ state: "ended", status: "failed", signal: "SIGKILL", message: "sh -c kill -9 $$ was killed by SIGKILL" });
  });

  it("cancels the whole process group: SIGTERM, and SIGKILL for what ignores it, so no process survives", async () => {
    const { backend, submit, dir } = setup();
    // A shell whose child ignores SIGTERM, and a grandchild that handles it.
    const script = path.join(dir, "job.sh");
    writeFileSync(script, `trap '' TERM; (trap 'echo handled > ${dir}/handled; exit 0' TERM; while :; do sleep 0.05; done) & sleep 60 & wait\n`);
    const handle = await submit({ command: ["sh", script] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isGroupAlive(handle.pid)).toBe(true);
    const started = Date.now();
    await backend.cancel(handle, { graceMs: 700 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    expect(isGroupAlive(handle.pid)).toBe(false);
    expect(readFileSync(path.join(dir, "handled"), "utf8")).toBe("handled\n");
    expect((await ended(backend, handle)).status).toBe("cancelled");
  });

  it("stops what a finished job left running in its group", async () => {
    const { backend, submit } = setup();
    const handle = await submit({ command: ["sh", "-c", "sleep 30 & echo started"] });
    expect((await ended(backend, handle)).status).toBe("completed");
    const deadline = Date.now() + 5000;
    while (isGroupAlive(handle.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isGroupAlive(handle.pid)).toBe(false);
  });

  it("ends a job at its time limit with status timeout", async () => {
    const { backend, submit } = setup();
    const handle = await submit({ command: ["sleep", "30"], resources: { time: "00:00:01" } });
    expect(await ended(backend, handle)).toEqual({ state: "ended", status: "timeout", signal: "SIGTERM", message: "sleep 30 hit its time limit of 00:00:01" });
  });

  it("says in one line why a command cannot start, and where it looked", async () => {
    const { submit, dir } = setup();
    await expect(submit({ command: ["python4", "train.py"] }, { PATH: "/nowhere:/usr/bin" })).rejects.toThrow(
      "python4: command not found. Searched PATH: /nowhere:/usr/bin. Install it, or give its full path in the trainer's command.",
    );
    await expect(submit({ command: ["./missing.sh"] })).rejects.toThrow(`./missing.sh: no such file (${dir}/missing.sh). Fix the trainer's command, whose paths are relative to the project root.`);
    writeFileSync(path.join(dir, "train.sh"), "echo hi\n");
    chmodSync(path.join(dir, "train.sh"), 0o644);
    await expect(submit({ command: ["./train.sh"] })).rejects.toMatchObject({
      code: "JOB_NOT_STARTED",
      message: `./train.sh: permission denied (${dir}/train.sh). Make it executable (chmod +x ./train.sh), or run it through its interpreter, such as ["sh", "./train.sh"].`,
    });
  });

  it("tells a job another process started as running while its process lives, and lost once it is gone", async () => {
    const { backend, dir } = setup();
    const other = spawn("sleep", ["30"], { detached: true, stdio: "ignore" });
    await new Promise((resolve) => other.once("spawn", resolve));
    const handle: LocalHandle = { id: String(other.pid), dir, pid: other.pid!, startTime: processStartTime(other.pid!), host: os.hostname() };
    expect(await backend.status(handle)).toEqual({ state: "running" });
    // The same pid with another start time is another process.
    expect((await backend.status({ ...handle, startTime: "1" })).state).toBe("ended");
    await backend.cancel(handle, { graceMs: 1000 });
    expect(await backend.status(handle)).toEqual({ state: "ended", status: "lost", message: `its process (pid ${other.pid}) is gone, and no arkor process recorded how it ended` });
  });
});
