import type { Colors } from "./reporters/colors.js";
import type { CommandInfo } from "./commandLine.js";

/** `arkor --help`: every command with its usage line, then the global flags. */
export function globalHelp(commands: CommandInfo[], version: string | undefined, colors: Colors): string {
  const lines = [`${colors.bold("arkor")}${version ? ` ${version}` : ""}: build and run TypeScript training jobs`, ""];
  lines.push(colors.bold("Usage"), "  arkor <command> [options]", "");
  lines.push(colors.bold("Commands"));
  for (const command of commands) lines.push(`  ${command.usage}`, `      ${command.description}`);
  lines.push("  arkor help [command]", "      Show this help, or a command's", "  arkor version", "      Print arkor's version", "");
  lines.push(colors.bold("Options"), ...table([["-h, --help", "Show help"], ["-v, --version", "Print arkor's version"]]), "");
  lines.push(`Run ${colors.cyan("arkor <command> --help")} for a command's options, details and examples.`);
  return `${lines.join("\n")}\n`;
}

/** `arkor build --help`: the description, usage, options, details and examples. */
export function commandHelp(command: CommandInfo, colors: Colors): string {
  const lines = [command.description, "", colors.bold("Usage"), `  ${command.usage}`, ""];
  const options: [string, string][] = command.options.map((option) => [
    `${option.names.join(", ")}${option.value ? ` ${option.value}` : ""}`,
    option.description,
  ]);
  options.push(["-h, --help", "Show this help"]);
  lines.push(colors.bold("Options"), ...table(options), "");
  // Not indented: clipanion already wrapped the details at 80 columns.
  if (command.details) lines.push(colors.bold("Details"), command.details.trimEnd(), "");
  if (command.examples.length > 0) {
    lines.push(colors.bold("Examples"));
    for (const [label, example] of command.examples) lines.push(`  ${label}`, `    ${colors.cyan(`$ ${example}`)}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Two columns, the second aligned. */
function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}
