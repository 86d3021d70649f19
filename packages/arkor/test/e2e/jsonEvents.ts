/**
 * For the `--json` tests: runs the built bin with stdin piped, reads its stdout
 * with the public event reader as a host would, and checks each event against
 * the schema docs/events.md documents.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createEventReader, RAW_LINE_SEQ, type ArkorEvent } from "@arkor/core";
import { expect, onTestFinished } from "vitest";
import { ARKOR_BIN, NODE, type TempProject } from "../../../../scripts/test-utils/index.js";

export interface JsonRun {
  child: ChildProcess;
  /** Every event so far, raw lines (seq -1) included, in order. */
  events: ArkorEvent[];
  stderr(): string;
  /** Resolves with the first event (after `after` events) that matches. */
  waitForEvent(match: (event: ArkorEvent) => boolean, after?: number): Promise<ArkorEvent>;
  exited: Promise<{ code: number | null; events: ArkorEvent[]; stdout: string; stderr: string }>;
}

export function spawnJson(project: TempProject, args: string[], env: NodeJS.ProcessEnv = {}): JsonRun {
  const child = spawn(NODE, [ARKOR_BIN, ...args], {
    cwd: project.dir,
    env: { ...process.env, ARKOR_DEBUG: undefined, FORCE_COLOR: "0", NO_COLOR: "1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // A test that fails half-way must not leave a watcher running.
  onTestFinished(() => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
  const events: ArkorEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = createEventReader((event) => {
    events.push(event);
    waiters.forEach((check) => check());
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    reader.push(chunk);
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; events: ArkorEvent[]; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      reader.end();
      waiters.forEach((check) => check());
      resolve({ code, events, stdout, stderr });
    });
  });
  let closed = false;
  void exited.then(() => (closed = true));
  return {
    child,
    events,
    stderr: () => stderr,
    exited,
    waitForEvent(match, after = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(after).find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (closed) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`Exited without the awaited event; events:\n${events.map((event) => JSON.stringify(event)).join("\n")}\nstderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for an event; events:\n${events.map((event) => JSON.stringify(event)).join("\n")}\nstderr:\n${stderr}`));
        }, 60_000);
        waiters.add(check);
        void exited.then(check);
        check();
      });
    },
  };
}

/** Runs `arkor … --json` to its end. */
export function runJson(project: TempProject, args: string[], env?: NodeJS.ProcessEnv) {
  const run = spawnJson(project, [...args, "--json"], env);
  run.child.stdin!.end();
  return run.exited;
}

type Kind = "string" | "number" | "boolean" | "string[]" | "messages" | "manifest" | "any";
type Fields = Record<string, Kind | `${Kind}?`>;

/** Each type's fields, as docs/events.md lists them (`?`: optional). */
const SCHEMA: Record<string, Fields> = {
  "build.start": { entry: "string?", changed: "string[]?" },
  "build.end": { ok: "boolean", entry: "string?", outFile: "string", durationMs: "number", bytes: "number", sha256: "string", warnings: "messages", errors: "messages" },
  "run.start": { artifact: "string", sha256: "string", export: "string", name: "string?", recordId: "string?", envFiles: "string[]?", entry: "string?", builtAt: "number?" },
  "job.started": { jobId: "string" },
  "job.progress": { jobId: "string?", step: "number?", total: "number?", metrics: "any?", message: "string?" },
  log: { stream: "string", text: "string" },
  "cancel.requested": { reason: "string", jobId: "string?", timeoutMs: "number" },
  "job.finished": { jobId: "string", status: "string", exitCode: "number", cancelled: "boolean", result: "any?", timedOut: "boolean?", message: "string?", crash: "any?" },
  "artifact.stale": { artifact: "string", changed: "string[]", removed: "string[]?" },
  warning: { code: "string", message: "string", file: "string?", line: "number?" },
  error: { code: "string", message: "string", file: "string?", line: "number?", column: "number?", stack: "string?" },
  "watch.ready": { inputs: "number" },
  "studio.ready": { url: "string", host: "string", port: "number", portTaken: "number?" },
  manifest: { manifest: "manifest", artifactExists: "boolean", stale: "boolean", changed: "string[]", added: "string[]", removed: "string[]", trainerName: "string?" },
  init: { dir: "string", template: "string", name: "string", packageManager: "string", files: "string[]", overwritten: "string[]", installed: "boolean", git: "boolean", next: "string[]" },
  end: { exitCode: "number" },
};

const MESSAGE_FIELDS: Fields = { text: "string", file: "string?", line: "number?", column: "number?", length: "number?", lineText: "string?", plugin: "string?", id: "string?", notes: "any?" };

function checkFields(value: Record<string, unknown>, fields: Fields, where: string): void {
  for (const key of Object.keys(value)) expect(fields, `${where}: unknown field ${key}`).toHaveProperty([key]);
  for (const [key, spec] of Object.entries(fields)) {
    const optional = spec.endsWith("?");
    const kind = spec.replace("?", "") as Kind;
    const field = value[key];
    if (field === undefined) {
      expect(optional, `${where}: missing ${key}`).toBe(true);
      continue;
    }
    const checks: Record<Kind, () => boolean> = {
      string: () => typeof field === "string",
      number: () => typeof field === "number" && Number.isFinite(field),
      boolean: () => typeof field === "boolean",
      "string[]": () => Array.isArray(field) && field.every((item) => typeof item === "string"),
      messages: () => Array.isArray(field) && field.every((item) => (checkFields(item as Record<string, unknown>, MESSAGE_FIELDS, `${where}.${key}[]`), true)),
      manifest: () => field === null || (typeof field === "object" && (field as { schemaVersion?: unknown }).schemaVersion === 1),
      any: () => true,
    };
    const ok = checks[kind]();
    expect(ok, `${where}: ${key} should be ${kind}, is ${JSON.stringify(field)}`).toBe(true);
  }
}

/**
 * The whole stream of one command is well formed: every line an event of
 * the documented schema (raw lines only where `allowRaw`), `seq` 0, 1, 2, …,
 * and `end` last, once, with `exitCode`.
 */
export function expectWellFormed(events: ArkorEvent[], exitCode: number, options: { allowRaw?: boolean } = {}): ArkorEvent[] {
  const numbered = events.filter((event) => event.seq !== RAW_LINE_SEQ);
  if (!options.allowRaw) expect(numbered).toEqual(events);
  expect(numbered.map((event) => event.seq)).toEqual(numbered.map((_, index) => index));
  for (const event of numbered) {
    const { v, seq, time, type, ...fields } = event as ArkorEvent & Record<string, unknown>;
    expect({ v, seq: typeof seq, time: typeof time }).toEqual({ v: 1, seq: "number", time: "number" });
    expect(SCHEMA, `unknown event type ${type}`).toHaveProperty([type]);
    checkFields(fields, SCHEMA[type]!, `${type} #${seq}`);
  }
  expect(events.at(-1)).toMatchObject({ type: "end", exitCode });
  expect(events.filter((event) => event.type === "end")).toHaveLength(1);
  return numbered;
}

/** The types in order, raw lines left out. */
export const typesOf = (events: ArkorEvent[]) => events.filter((event) => event.seq !== RAW_LINE_SEQ).map((event) => event.type);
