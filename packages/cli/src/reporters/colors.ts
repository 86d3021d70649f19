export interface Colors {
  enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

/**
 * Colours on a terminal; never with NO_COLOR; always with FORCE_COLOR set to
 * anything but 0 (piped into a tool that renders them, as tsup and vite allow).
 */
export function colorsEnabled(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.NO_COLOR) return false;
  return (stream as Partial<NodeJS.WriteStream>).isTTY === true;
}

export function createColors(enabled: boolean): Colors {
  const paint = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled, red: paint(31, 39), yellow: paint(33, 39), green: paint(32, 39), dim: paint(2, 22), bold: paint(1, 22), cyan: paint(36, 39) };
}
