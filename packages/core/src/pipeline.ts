import { hookUnanswered, invalidHookResult, isArkorError, PluginError } from "./errors.js";
import type { ArkorPlugin, HookContexts, HookName, HookResults } from "./plugin.js";
import { validatePlugins } from "./validatePlugins.js";

export interface Pipeline {
  readonly plugins: readonly ArkorPlugin[];
  /** Runs `hook` on each plugin in order until one answers with a non-nullish value. */
  hookFirst<H extends HookName>(hook: H, ctx: HookContexts[H]): Promise<HookResults[H]>;
  /** The same, with the plugin that answered. */
  hookFirstAnswer<H extends HookName>(hook: H, ctx: HookContexts[H]): Promise<{ answer: HookResults[H]; plugin: ArkorPlugin }>;
}

const SUGGESTED_PLUGIN: Record<HookName, string> = {
  resolveEntry: "defaultResolver() from @arkor/resolver",
  bundle: "esbuildBundler() from @arkor/bundler",
};

const RESULT_CHECKS: { [H in HookName]: { expected: string; ok(value: unknown): boolean } } = {
  resolveEntry: { expected: "a path string", ok: (value) => typeof value === "string" && value !== "" },
  bundle: {
    expected: "{ outFile: string }",
    ok: (value) => typeof value === "object" && value !== null && typeof (value as { outFile?: unknown }).outFile === "string",
  },
};

/**
 * The one driver every hook call goes through. A hook that throws is reported
 * as `[plugin NAME] HOOK: message`; our own typed errors pass through as they are,
 * so the spec's messages reach the user verbatim.
 */
export function createPipeline(plugins: readonly unknown[]): Pipeline {
  const checked = validatePlugins(plugins);

  async function hookFirstAnswer<H extends HookName>(hook: H, ctx: HookContexts[H]): Promise<{ answer: HookResults[H]; plugin: ArkorPlugin }> {
    for (const plugin of checked) {
      const fn = plugin[hook] as ((ctx: HookContexts[H]) => unknown) | undefined;
      if (!fn) continue;
      let answer: unknown;
      try {
        answer = await fn.call(plugin, ctx);
      } catch (error) {
        if (isArkorError(error) || isAbortOf(ctx, error)) throw error;
        throw new PluginError(plugin.name, hook, error);
      }
      if (answer === null || answer === undefined) continue;
      if (!RESULT_CHECKS[hook].ok(answer)) throw invalidHookResult(plugin.name, hook, RESULT_CHECKS[hook].expected);
      return { answer: answer as HookResults[H], plugin };
    }
    throw hookUnanswered(hook, SUGGESTED_PLUGIN[hook]);
  }

  const hookFirst = async <H extends HookName>(hook: H, ctx: HookContexts[H]) => (await hookFirstAnswer(hook, ctx)).answer;
  return { plugins: checked, hookFirst, hookFirstAnswer };
}

/** A hook that stopped because the build was aborted is not the plugin's fault. */
function isAbortOf(ctx: object, error: unknown): boolean {
  const signal = (ctx as { signal?: AbortSignal }).signal;
  return signal?.aborted === true && error === signal.reason;
}
