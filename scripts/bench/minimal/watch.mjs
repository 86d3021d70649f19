// The floor under `arkor build --watch`: esbuild's context().rebuild() on every change under src/.
import { watch } from "node:fs";
import { context } from "esbuild";
import { options } from "./options.mjs";

const ctx = await context(options);
let running = null;
let again = false;
async function rebuild() {
  if (running) return void (again = true);
  running = ctx.rebuild();
  await running;
  running = null;
  console.log("Built");
  if (again) (again = false), rebuild();
}
await rebuild();
watch("src", { recursive: true }, rebuild);
