import { inspect } from "node:util";

/** A value as Node would print it (BigInts, cycles and all), on one line. */
export function describeValue(value: unknown): string {
  return inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 200 });
}
