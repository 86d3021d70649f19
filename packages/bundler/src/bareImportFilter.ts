/**
 * Node's built-in modules by the names esbuild keeps external on its own for
 * `platform: "node"` (a test checks each against esbuild). Any `node:` import is
 * kept external too. Only a subset of `module.builtinModules`: esbuild does not
 * know every subpath (`readline/promises`), and one it cannot resolve must still
 * reach our plugin, which keeps it external.
 */
export const NODE_BUILTINS = [
  "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto",
  "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2",
  "https", "inspector", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process", "punycode",
  "querystring", "readline", "repl", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder",
  "sys", "timers", "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
  "worker_threads", "zlib",
] as const;

interface Node {
  children: Map<string, Node>;
  /** The path to here is an excluded name. */
  exact: boolean;
  /** Everything that starts with the path to here is excluded. */
  prefix: boolean;
}

/** Imports the filter leaves out: exactly these names, and everything that starts with these prefixes. */
export interface Exclusions {
  names: readonly string[];
  prefixes: readonly string[];
}

/**
 * An esbuild `onResolve` filter for bare imports (neither relative nor
 * POSIX-absolute) except the excluded ones. esbuild runs filters in Go, whose
 * regexps have no lookahead, so the exclusions are spelled out as a trie: at
 * each character, either leave the excluded names' path or end where no
 * excluded name ends.
 */
export function bareImportFilter({ names, prefixes }: Exclusions): RegExp {
  const root: Node = { children: new Map(), exact: false, prefix: false };
  const add = (word: string, kind: "exact" | "prefix") => {
    let node = root;
    for (const char of word) {
      if (!node.children.has(char)) node.children.set(char, { children: new Map(), exact: false, prefix: false });
      node = node.children.get(char)!;
    }
    node[kind] = true;
  };
  for (const prefix of prefixes) add(prefix, "prefix");
  for (const name of names) add(name, "exact");
  return new RegExp(`^${pattern(root, true)}`);
}

function pattern(node: Node, isRoot: boolean): string {
  const others = [...node.children.keys()].map(escapeInClass).join("");
  // Any other next character leaves the excluded names behind ("[^]" is not Go syntax).
  const alternatives = [isRoot || others ? `[^${isRoot ? "./" : ""}${others}]` : "."];
  if (!isRoot && !node.exact) alternatives.push("$");
  for (const [char, child] of node.children) {
    if (!child.prefix) alternatives.push(`${escapeInClass(char)}${pattern(child, false)}`);
  }
  return `(?:${alternatives.join("|")})`;
}

function escapeInClass(char: string): string {
  return /[\\\]^\-[.*+?()|{}$/]/.test(char) ? `\\${char}` : char;
}
