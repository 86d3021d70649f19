import type { BaseContext } from "clipanion";
import { colorsEnabled } from "./reporters/colors.js";

/** What every command can reach: clipanion's stdio plus the plugins given to `getCli`. */
export interface ArkorContext extends BaseContext {
  /** Extra plugins, placed before the config's and the defaults. */
  plugins: readonly unknown[];
  /** The arkor bin, which `arkor start --detach` starts again in the background. */
  bin?: string;
}

/**
 * The process's streams and environment, no extra plugins: what a command
 * gets from getCli (clipanion parsing now) and from runPreparsed (the bin's
 * lines parsed at build time) alike.
 */
export function processContext(bin: string | undefined): ArkorContext {
  return {
    env: process.env,
    // A getter, as process.stdin is: creating it costs a few ms, and only `--json` starts read it.
    // It stays lazy on the preparsed lines only: getCli and clipanion spread the context, which reads it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    colorDepth: colorsEnabled(process.stdout, process.env) ? 8 : 1,
    plugins: [],
    bin,
  };
}
