import { packageConfig } from "../../tsup.base.js";

// Three entries, each one file (no shared chunks, which would be one more module to load):
// the recorder, loaded by every arkor start; the store's readers and followers; and the local
// backend, loaded only when a command job runs here. What they share is small and stateless.
export default packageConfig({
  entry: ["src/index.ts", "src/record.ts", "src/local.ts"],
  splitting: false,
});
