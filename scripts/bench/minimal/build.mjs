// The floor under `arkor build`: one esbuild build() with the same options.
import { build } from "esbuild";
import { options } from "./options.mjs";

await build(options);
