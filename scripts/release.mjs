#!/usr/bin/env node
// The publish step of a release, as a dry run: packs every published package
// into packs/ exactly as `changeset publish` would upload it, and uploads
// nothing. `pnpm release` runs the full test command before this.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const destination = path.join(root, "packs");
const packed = spawnSync(process.execPath, [path.join(root, "scripts/pack.mjs"), destination], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
// pack.mjs has printed its one-line error.
if (packed.status !== 0) process.exit(1);
const tarballs = packed.stdout.trim().split("\n");

console.log(`\nDry run: ${tarballs.length} packages packed, nothing published.`);
for (const tarball of tarballs) console.log(`  ${path.relative(root, tarball)}  ${(statSync(tarball).size / 1024).toFixed(1)} kB`);
console.log("To publish for real: pnpm changeset version, commit, then pnpm changeset publish.");
