import { packageConfig } from "../../tsup.base.js";

// The store (loaded by every arkor start) and the local backend (loaded only when a command job runs) are separate entries.
export default packageConfig({
  entry: ["src/index.ts", "src/local.ts"],
});
