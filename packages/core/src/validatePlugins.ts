import { describeValue } from "./describeValue.js";
import { invalidPlugin } from "./errors.js";
import { HOOK_NAMES, type ArkorPlugin } from "./plugin.js";

const KNOWN_KEYS = new Set<string>(["name", ...HOOK_NAMES]);

/** Checks plugins once, when they are loaded, so a mistake is named before anything runs. */
export function validatePlugins(plugins: readonly unknown[]): ArkorPlugin[] {
  if (!Array.isArray(plugins)) throw invalidPlugin("Plugins must be an array, such as plugins: [myPlugin()].");
  return plugins.map((plugin, index) => validatePlugin(plugin, index));
}

function validatePlugin(plugin: unknown, index: number): ArkorPlugin {
  if (typeof plugin !== "object" || plugin === null || Array.isArray(plugin)) {
    throw invalidPlugin(`Plugin at index ${index} must be an object with a name and hooks, got ${describe(plugin)}. Did you forget to call the plugin factory?`);
  }
  const record = plugin as Record<string, unknown>;
  if (typeof record.name !== "string" || record.name === "") {
    throw invalidPlugin(`Plugin at index ${index} is missing a name. Give it one: { name: "my-plugin", ... }.`);
  }
  const name = record.name;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) {
      throw invalidPlugin(`Plugin "${name}" has an unknown key "${key}". Known keys: ${[...KNOWN_KEYS].join(", ")}.`);
    }
  }
  for (const hook of HOOK_NAMES) {
    if (record[hook] !== undefined && typeof record[hook] !== "function") {
      throw invalidPlugin(`Plugin "${name}": hook "${hook}" must be a function, got ${describe(record[hook])}.`);
    }
  }
  return plugin as ArkorPlugin;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return "an object";
  // JSON.stringify would throw on a BigInt and print a symbol as undefined.
  return `${typeof value} ${typeof value === "string" ? JSON.stringify(value) : describeValue(value)}`;
}
