#!/usr/bin/env node
// `pnpm demo`: run the quickstart fixture end to end with the built arkor bin:
// a fresh build, then start (which reuses the artifact just built).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { arkorBin } from "./arkorBin.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = arkorBin(root);
const project = path.join(root, "fixtures/quickstart");

rmSync(path.join(project, ".arkor"), { recursive: true, force: true });
for (const args of [["build"], ["start"]]) {
  console.log(`\n$ arkor ${args.join(" ")} --cwd fixtures/quickstart`);
  const { status } = spawnSync(process.execPath, [bin, ...args, "--cwd", project], { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
