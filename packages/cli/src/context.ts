import type { BaseContext } from "clipanion";

/** What every command can reach: clipanion's stdio plus the plugins given to `getCli`. */
export interface ArkorContext extends BaseContext {
  /** Extra plugins, placed before the config's and the defaults. */
  plugins: readonly unknown[];
  /** The arkor bin, which `arkor start --detach` starts again in the background. */
  bin?: string;
}
