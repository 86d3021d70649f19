#!/usr/bin/env node
// Runs the end-to-end suite under each Node major we support besides the one
// `pnpm test` already ran it on. The binaries come from the registry packages
// node-<platform>-<arch>@<major>, installed once into node_modules/.cache
// (scripts/node-versions.mjs).
// vitest itself runs on that Node, with ARKOR_TEST_NODE and PATH pointing at
// it, so the bin, `npx`, npm and pnpm in the tests all use it too.
// The built packages are tested as they are: run `pnpm build` first.
//
// Usage: node scripts/test-node-versions.mjs [major…]   (default: 22 24)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installNode } from "./node-versions.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const majors = process.argv.length > 2 ? process.argv.slice(2) : ["22", "24"];
const E2E_SUITE = "packages/arkor/test/e2e";

const failed = [];
for (const major of majors) {
  const started = Date.now();
  const node = installNode(major);
  const version = run(node, ["--version"], { stdio: "pipe" }).stdout.trim();
  console.log(`\n▶ Node ${version}: vitest run ${E2E_SUITE}`);
  const env = { ...process.env, ARKOR_TEST_NODE: node, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ""}` };
  const tested = run(node, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", E2E_SUITE], { env, stdio: "inherit" });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`${tested.status === 0 ? "✔" : "✘"} Node ${version}: e2e suite ${tested.status === 0 ? "passed" : "failed"} in ${seconds}s`);
  if (tested.status !== 0) failed.push(version);
}
if (failed.length > 0) {
  console.error(`error: the e2e suite failed on Node ${failed.join(", ")}. Rerun one with \`node scripts/test-node-versions.mjs <major>\`.`);
  process.exit(1);
}

function run(command, args, options) {
  return spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
}
