import { nodeUtil } from "./nodeBuiltins.js";

const MAX_LENGTH = 200;

/**
 * A value that user code returned, as Node prints it, on one line and kept
 * short, for error messages. Unlike JSON.stringify it never throws (BigInt,
 * circular objects) and shows undefined, functions and symbols.
 */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = nodeUtil().inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 100 });
  } catch {
    // A custom [util.inspect.custom] that throws.
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
