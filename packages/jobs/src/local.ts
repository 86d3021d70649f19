// `@arkor/jobs/local`: the local backend, loaded only when a command job runs here.
export { localBackend } from "./local/localBackend.js";
export type { LocalHandle } from "./local/localBackend.js";
