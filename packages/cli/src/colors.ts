/** ANSI styles for one output stream; each is the identity when the stream gets no colours. */
export interface Colors {
  enabled: boolean;
  bold(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

/**
 * How many colours a stream gets, as Node's own `getColorDepth` decides, so
 * arkor agrees with tsup and vite: FORCE_COLOR wins (0 or false: none; 1, true
 * or empty: 16; 2: 256; 3: 16 million), even when piped; otherwise NO_COLOR or
 * a stream that is not a terminal (CI, the Studio, a pipe) gets none.
 */
export function colorDepthOf(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): number {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return FORCED_DEPTHS[force] ?? 1;
  const tty = stream as Partial<NodeJS.WriteStream>;
  if (env.NO_COLOR || !tty.isTTY || typeof tty.getColorDepth !== "function") return 1;
  return tty.getColorDepth(env);
}

const FORCED_DEPTHS: Record<string, number> = { "": 4, "1": 4, true: 4, "2": 8, "3": 24 };

export function colorsFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Colors {
  const enabled = colorDepthOf(stream, env) > 1;
  const style = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { enabled, bold: style(1, 22), red: style(31, 39), cyan: style(36, 39) };
}
