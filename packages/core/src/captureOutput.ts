import type { Emitter } from "./events.js";

type Write = typeof process.stdout.write;

/**
 * Turns every write to `process.stdout` and `process.stderr` (console.log
 * included) into a `log` event, until the returned function is called.
 * Process-wide: for a CLI, or a host that asks for it. Writes by child
 * processes that inherit the file descriptors bypass it.
 */
export function captureOutput(emitter: Emitter): () => void {
  const restore = (["stdout", "stderr"] as const).map((stream) => {
    const target = process[stream];
    const original = target.write;
    const patched = function (this: unknown, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      const done = typeof encoding === "function" ? encoding : callback;
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      if (text !== "") emitter.emit({ type: "log", stream, text });
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    } as Write;
    target.write = patched;
    return () => {
      if (target.write === patched) target.write = original;
    };
  });
  return () => restore.forEach((undo) => undo());
}
