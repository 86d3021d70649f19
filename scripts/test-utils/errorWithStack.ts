/** An Error whose stack is exactly these frames (each written as after `at `), for stack-parsing tests. */
export function errorWithStack(...frames: string[]): Error {
  const error = new Error("boom");
  error.stack = ["Error: boom", ...frames.map((frame) => `    at ${frame}`)].join("\n");
  return error;
}
