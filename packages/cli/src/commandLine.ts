import type { Definition } from "clipanion";

/**
 * What help and usage errors need to know about a command, taken from
 * clipanion's definitions so a new command or option shows up by itself.
 */
export interface CommandInfo {
  /** The words after `arkor`, such as `build`. */
  name: string;
  description: string;
  /** Positional arguments as clipanion writes them: `[entry]`, `<file>`, `...`. */
  positionals: string[];
  options: OptionInfo[];
  /** `arkor build [entry] [--cwd <dir>]` */
  usage: string;
  details?: string;
  examples: [label: string, command: string][];
}

export interface OptionInfo {
  /** Every spelling, short first: `-q`, `--silent`. */
  names: string[];
  /** `<dir>` for an option that takes a value; absent for a flag. */
  value?: string;
  description: string;
  required: boolean;
}

/**
 * The placeholder each option's value is shown with (clipanion has no name
 * for it and would print `#0`). A string option not listed here shows `<value>`.
 */
const VALUE_NAMES: Record<string, string> = {
  "--cwd": "<dir>",
  "--cancel-timeout": "<seconds>",
  "--port": "<port>",
  "--host": "<host>",
  "--backend": "<name>",
  "--keep": "<count>",
  "--env-file": "<path>",
  "--template": "<name>",
  "--name": "<name>",
  "--package-manager": "<name>",
};

export function commandInfo(definition: Definition, binaryName: string): CommandInfo {
  const name = definition.path.slice(binaryName.length).trim();
  const positionals = definition.usage.slice(definition.path.length).trim().split(" ").filter(Boolean);
  const options = definition.options.map((option): OptionInfo => {
    const takesValue = / #\d/.test(option.definition);
    const names = [...option.nameSet].sort((a, b) => a.length - b.length);
    return {
      names,
      value: takesValue ? (VALUE_NAMES[option.preferredName] ?? "<value>") : undefined,
      description: (option.description ?? "").trim(),
      required: option.required,
    };
  });
  const optionUsage = options.map((option) => {
    const text = `${option.names.at(-1)}${option.value ? ` ${option.value}` : ""}`;
    return option.required ? text : `[${text}]`;
  });
  return {
    name,
    description: (definition.description ?? "").trim(),
    positionals,
    options,
    usage: [binaryName, name, ...positionals, ...optionUsage].join(" "),
    // clipanion's wrapping leaves a space at the end of each line.
    details: definition.details?.replace(/[ \t]+$/gm, ""),
    examples: (definition.examples ?? []).map(([label, command]) => [label.trim(), command]),
  };
}
