#!/usr/bin/env node
// Packs every published package as the registry would receive it: `pnpm -r pack`
// skips private packages (the root, fixtures/*), replaces `workspace:*` with the
// real versions and includes only `files` plus package.json and README.md.
// It packs the built dist as it is: run `pnpm build` first.
//
// Usage: node scripts/pack.mjs [destination]   (default: packs/)
// Prints one tarball path per line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const destination = path.resolve(process.argv[2] ?? path.join(root, "packs"));
const { packageManager } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

mkdirSync(destination, { recursive: true });
// Stale tarballs of older versions would be installed by mistake.
for (const file of readdirSync(destination)) if (file.endsWith(".tgz")) rmSync(path.join(destination, file));

const result = spawnSync("npx", ["-y", packageManager, "-r", "pack", "--pack-destination", destination], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (result.status !== 0) {
  process.stderr.write(result.stdout ?? "");
  console.error(`error: pnpm -r pack failed (exit ${result.status ?? result.signal}). Run \`pnpm build\` first, then retry.`);
  process.exit(1);
}
const tarballs = readdirSync(destination).filter((file) => file.endsWith(".tgz")).sort();
for (const file of tarballs) console.log(path.join(destination, file));
