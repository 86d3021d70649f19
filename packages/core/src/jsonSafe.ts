/**
 * A copy of `value` that JSON.stringify can always write: BigInts become
 * strings, cycles `"[Circular]"`, functions and symbols are dropped. Events
 * carry user values (a job's result), and a host must never lose the stream over one.
 */
export function jsonSafe(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, current: unknown) => {
    if (typeof current === "bigint") return current.toString();
    if (typeof current === "object" && current !== null) {
      if (seen.has(current)) return "[Circular]";
      seen.add(current);
    }
    return current;
  });
  return text === undefined ? undefined : JSON.parse(text);
}
