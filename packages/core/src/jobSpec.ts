import { didYouMean } from "./didYouMean.js";

/**
 * What a command trainer asks a backend to run: the command (no shell), the
 * environment it adds, and what a scheduler must reserve for it.
 */
export interface JobSpec {
  /** The trainer's name, used as the scheduler's job name. */
  name?: string;
  /** The program and its arguments, run in the project root without a shell: `["python3", "train.py"]`. */
  command: readonly string[];
  /** Added to the job's environment (over the one arkor runs in). */
  env?: Readonly<Record<string, string>>;
  resources?: JobResources;
}

/** What a scheduler must reserve. The local backend enforces `time` and leaves the rest to the machine. */
export interface JobResources {
  /** CPU cores for the one task (Slurm `--cpus-per-task`). A positive integer. */
  cpus?: number;
  /** Memory for the job, such as `"4G"` or `"512M"` (Slurm `--mem`); a number means megabytes. */
  memory?: string | number;
  /** GPUs: a count (Slurm `--gres=gpu:N`), or `"type:count"` such as `"a100:2"`. */
  gpus?: number | string;
  /**
   * Wall-clock limit, as Slurm writes it (`"02:00:00"`, `"90"` minutes, `"1-12:00:00"`), or a number of minutes.
   * A job still running then is stopped and ends with status `timeout`.
   */
  time?: string | number;
}

/** The same resources, checked and in the units backends need. */
export interface NormalizedResources {
  cpus?: number;
  /** Megabytes. */
  memoryMB?: number;
  gpus?: { count: number; type?: string };
  /** Seconds. */
  timeSeconds?: number;
}

export const RESOURCE_NAMES = ["cpus", "memory", "gpus", "time"] as const;

/** A mistake in a trainer's command, env or resources: a one-line message naming the field. */
export class JobSpecError extends TypeError {
  constructor(field: string, problem: string) {
    super(`createTrainer({...}): ${field} ${problem}`);
    this.name = "JobSpecError";
  }
}

/** Checks a command trainer's fields; throws a JobSpecError naming the first wrong one. */
export function checkJobSpec(spec: { command?: unknown; env?: unknown; resources?: unknown }): JobSpec {
  const { command, env, resources } = spec;
  if (typeof command === "string") {
    throw new JobSpecError("command", `must be an array of strings, run without a shell, such as ${JSON.stringify(command.trim().split(/\s+/))}; got a string.`);
  }
  if (!Array.isArray(command)) throw new JobSpecError("command", `must be an array of strings, such as ["python3", "train.py"]; got ${typeName(command)}.`);
  if (command.length === 0) throw new JobSpecError("command", 'is empty; give the program and its arguments, such as ["python3", "train.py"].');
  command.forEach((part, index) => {
    if (typeof part !== "string") throw new JobSpecError(`command[${index}]`, `must be a string; got ${typeName(part)}.`);
  });
  if (command[0] === "") throw new JobSpecError("command[0]", 'is empty; it must name the program to run, such as "python3".');
  return { command: [...command] as string[], env: checkEnv(env), resources: checkResources(resources) };
}

function checkEnv(env: unknown): Record<string, string> | undefined {
  if (env === undefined) return undefined;
  if (typeof env !== "object" || env === null || Array.isArray(env)) throw new JobSpecError("env", `must be an object of strings, such as { SEED: "1" }; got ${typeName(env)}.`);
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new JobSpecError(`env[${JSON.stringify(name)}]`, "is not a variable name a shell can set: use letters, digits and _, not starting with a digit.");
    }
    if (typeof value === "number" && Number.isFinite(value)) checked[name] = String(value);
    else if (typeof value === "string") checked[name] = value;
    else throw new JobSpecError(`env.${name}`, `must be a string; got ${typeName(value)}.`);
  }
  return checked;
}

function checkResources(resources: unknown): JobResources | undefined {
  if (resources === undefined) return undefined;
  if (typeof resources !== "object" || resources === null || Array.isArray(resources)) {
    throw new JobSpecError("resources", `must be an object such as { cpus: 2, memory: "4G", gpus: 1, time: "02:00:00" }; got ${typeName(resources)}.`);
  }
  for (const key of Object.keys(resources)) {
    if ((RESOURCE_NAMES as readonly string[]).includes(key)) continue;
    const near = didYouMean(key, RESOURCE_NAMES) ?? (key.toLowerCase().startsWith("mem") ? "memory" : undefined);
    throw new JobSpecError(`resources.${key}`, `is not a resource arkor understands${near ? `; did you mean "${near}"?` : "."} Known: ${RESOURCE_NAMES.join(", ")}.`);
  }
  const checked = { ...(resources as JobResources) };
  normalizeResources(checked);
  return checked;
}

/** Checks each resource's value and converts it to the units backends use. */
export function normalizeResources(resources: JobResources = {}): NormalizedResources {
  const normalized: NormalizedResources = {};
  const { cpus, memory, gpus, time } = resources;
  if (cpus !== undefined) {
    if (!Number.isInteger(cpus) || cpus < 1) throw new JobSpecError("resources.cpus", `must be a whole number of cores, 1 or more; got ${show(cpus)}.`);
    normalized.cpus = cpus;
  }
  if (memory !== undefined) normalized.memoryMB = memoryMegabytes(memory);
  if (gpus !== undefined) normalized.gpus = gpuRequest(gpus);
  if (time !== undefined) normalized.timeSeconds = timeSeconds(time);
  return normalized;
}

const MEMORY_UNITS: Record<string, number> = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 };

function memoryMegabytes(memory: unknown): number {
  const problem = `must be a size such as "4G", "512M" or a number of megabytes; got ${show(memory)}.`;
  if (typeof memory === "number") {
    if (!Number.isFinite(memory) || memory <= 0) throw new JobSpecError("resources.memory", problem);
    return Math.ceil(memory);
  }
  const match = typeof memory === "string" ? /^\s*(\d+(?:\.\d+)?)\s*([KMGT])?(?:i?B)?\s*$/i.exec(memory) : null;
  if (!match || Number(match[1]) <= 0) throw new JobSpecError("resources.memory", problem);
  return Math.ceil(Number(match[1]) * MEMORY_UNITS[(match[2] ?? "M").toUpperCase()]!);
}

function gpuRequest(gpus: unknown): { count: number; type?: string } {
  if (typeof gpus === "number" && Number.isInteger(gpus) && gpus >= 0) return { count: gpus };
  const match = typeof gpus === "string" ? /^([A-Za-z0-9_.-]+):(\d+)$/.exec(gpus) : null;
  if (match) return { type: match[1], count: Number(match[2]) };
  throw new JobSpecError("resources.gpus", `must be a number of GPUs, or "type:count" such as "a100:2"; got ${show(gpus)}.`);
}

/** Slurm's time formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours[:minutes[:seconds]]. */
function timeSeconds(time: unknown): number {
  const problem = `must be a time limit such as "02:00:00", "90" (minutes), "1-12:00:00", or a number of minutes; got ${show(time)}.`;
  if (typeof time === "number") {
    if (!Number.isFinite(time) || time <= 0) throw new JobSpecError("resources.time", problem);
    return Math.round(time * 60);
  }
  if (typeof time !== "string") throw new JobSpecError("resources.time", problem);
  const text = time.trim();
  let seconds: number | undefined;
  const withDays = /^(\d+)-(\d+)(?::(\d+)(?::(\d+))?)?$/.exec(text);
  if (withDays) {
    const [, days, hours, minutes = "0", secs = "0"] = withDays;
    seconds = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(secs);
  } else if (/^\d+(:\d+){0,2}$/.test(text)) {
    const parts = text.split(":").map(Number);
    if (parts.length === 1) seconds = parts[0]! * 60;
    else if (parts.length === 2) seconds = parts[0]! * 60 + parts[1]!;
    else seconds = (parts[0]! * 60 + parts[1]!) * 60 + parts[2]!;
  }
  if (seconds === undefined || seconds <= 0) throw new JobSpecError("resources.time", problem);
  return seconds;
}

/** A command as messages name it: `python3 train.py --epochs 200`, cut at 80 characters. */
export function commandText(command: readonly string[]): string {
  return command.join(" ").slice(0, 80);
}

/** `02:00:00`, or `1-12:00:00` past a day: how a time limit is shown and given to Slurm. */
export function formatTimeLimit(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const clock = [Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60].map((part) => String(part).padStart(2, "0")).join(":");
  return days > 0 ? `${days}-${clock}` : clock;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "number" ? String(value) : typeName(value);
}
