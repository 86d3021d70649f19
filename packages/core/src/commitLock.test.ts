import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";

// The built package, so each writer is a real process of its own, as concurrent builds are.
const core = fileURLToPath(new URL("../dist/index.js", import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "arkor-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Commits `count` pairs of an artifact and the manifest naming it, as a build does, then exits. */
const WRITER = `
const { writeAtomic } = await import(process.env.CORE);
const [name, count] = process.argv.slice(1);
for (let i = 0; i < Number(count); i++) {
  const text = name + "-" + i;
  await writeAtomic([{ path: "index.mjs", contents: Buffer.from(text) }, { path: "manifest.json", contents: Buffer.from(text) }]);
}
`;

/** Reads both under the lock until told to stop, and counts the pairs that came from two commits. */
const READER = `
const { withCommitLock } = await import(process.env.CORE);
const { existsSync, readFileSync } = await import("node:fs");
let reads = 0, mixed = 0;
while (!existsSync("stop")) {
  const [artifact, manifest] = withCommitLock(".", () => {
    try { return [readFileSync("index.mjs", "utf8"), readFileSync("manifest.json", "utf8")]; } catch { return ["", ""]; }
  });
  if (artifact === "") continue;
  reads++;
  if (artifact !== manifest) mixed++;
}
console.log(JSON.stringify({ reads, mixed }));
`;

function node(script: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, ...args], { cwd: dir, env: { ...process.env, CORE: core } });
  // The reader loops until told to stop: a failed test must not leave it spinning.
  onTestFinished(() => void (child.exitCode === null && child.kill("SIGKILL")));
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stdout += chunk));
  return new Promise((resolve, reject) => child.on("error", reject).on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(stdout)))));
}

describe("the commit lock", () => {
  it("keeps each process's artifact beside its own manifest while several commit into one folder", async () => {
    const reader = node(READER, []);
    await Promise.all(["a", "b", "c"].map((name) => node(WRITER, [name, "400"])));
    writeFileSync(path.join(dir, "stop"), "");
    const { reads, mixed } = JSON.parse(await reader);
    expect(reads).toBeGreaterThan(0);
    expect(mixed).toBe(0);
    expect(readFileSync(path.join(dir, "index.mjs"), "utf8")).toBe(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    // The lock is gone with its last holder; no temp file is left.
    expect(readdirSync(dir).sort()).toEqual(["index.mjs", "manifest.json", "stop"]);
  });
});
