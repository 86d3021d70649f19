import { describeValue } from "./describeValue.js";
import { didYouMean } from "./didYouMean.js";
import { invalidPlugin } from "./errors.js";
import { HOOK_NAMES, type ArkorPlugin } from "./plugin.js";

/**
 * Checks plugins once, when they are loaded, so a mistake is named before
 * anything runs. The list composes as vite's and Rollup's do: falsy entries
 * (`isDev && myPlugin()`) are skipped and nested arrays (a preset) are
 * flattened. Unknown keys are allowed, since plugins carry their own fields and
 * a newer plugin must not break an older arkor, but a near miss of a hook name
 * (`bundel`) is refused with a "did you mean".
 */
export function validatePlugins(plugins: readonly unknown[]): ArkorPlugin[] {
  if (!Array.isArray(plugins)) throw invalidPlugin("Plugins must be an array, such as plugins: [myPlugin()].");
  const checked: ArkorPlugin[] = [];
  collect(plugins, "", checked);
  return checked;
}

/** `where` is the position as written: `2` at the top level, `2[0]` inside a nested array. */
function collect(list: readonly unknown[], parent: string, into: ArkorPlugin[]): void {
  list.forEach((plugin, index) => {
    const where = parent === "" ? String(index) : `${parent}[${index}]`;
    if (!plugin) return;
    if (Array.isArray(plugin)) collect(plugin, where, into);
    else into.push(validatePlugin(plugin, where));
  });
}

function validatePlugin(plugin: unknown, where: string): ArkorPlugin {
  if (typeof (plugin as PromiseLike<unknown>).then === "function") {
    throw invalidPlugin(`Plugin at index ${where} is a Promise. Await it in the config: plugins: [await myPlugin()].`);
  }
  if (typeof plugin !== "object") {
    throw invalidPlugin(`Plugin at index ${where} must be an object with a name and hooks, got ${describe(plugin)}. Did you forget to call the plugin factory?`);
  }
  const record = plugin as Record<string, unknown>;
  if (typeof record.name !== "string" || record.name === "") {
    throw invalidPlugin(`Plugin at index ${where} is missing a name. Give it one: { name: "my-plugin", ... }.`);
  }
  const name = record.name;
  for (const key of Object.keys(record)) {
    const hook = didYouMean(key, HOOK_NAMES);
    if (hook !== undefined) throw invalidPlugin(`Plugin "${name}" has an unknown key "${key}". Did you mean the hook "${hook}"?`);
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
