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
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installNode } from "./node-versions.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const majors = process.argv.length > 2 ? process.argv.slice(2) : ["22", "24"];
const E2E_SUITE = "packages/arkor/test/e2e";
const reports = mkdtempSync(path.join(os.tmpdir(), "arkor-node-versions-"));

const failed = [];
for (const major of majors) {
  const started = Date.now();
  const node = installNode(major);
  const version = run(node, ["--version"], { stdio: "pipe" }).stdout.trim();
  console.log(`\n▶ Node ${version}: vitest run ${E2E_SUITE}`);
  const env = { ...process.env, ARKOR_TEST_NODE: node, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ""}` };
  // The JSON report is read back below: a CI log keeps only its tail, which the next version's run would fill.
  const report = path.join(reports, `node-${major}.json`);
  const vitest = [path.join(root, "node_modules/vitest/vitest.mjs"), "run", E2E_SUITE, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const tested = run(node, vitest, { env, stdio: "inherit" });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`${tested.status === 0 ? "✔" : "✘"} Node ${version}: e2e suite ${tested.status === 0 ? "passed" : "failed"} in ${seconds}s`);
  if (tested.status !== 0) failed.push({ version, failures: failuresIn(report) });
}
rmSync(reports, { recursive: true, force: true });
if (failed.length > 0) {
  for (const { version, failures } of failed) {
    console.error(`\nNode ${version}: ${failures.length === 0 ? "vitest failed before any test failed (see its output above)" : `${failures.length} failed:`}`);
    for (const failure of failures) console.error(`  ✘ ${failure}`);
  }
  console.error(`error: the e2e suite failed on Node ${failed.map((run) => run.version).join(", ")}. Rerun one with \`node scripts/test-node-versions.mjs <major>\`.`);
  process.exit(1);
}

/** Each failed test (or file that failed outside its tests) in vitest's JSON report, with the first line of why. */
function failuresIn(report) {
  let results;
  try {
    results = JSON.parse(readFileSync(report, "utf8")).testResults;
  } catch {
    return [];
  }
  const failures = [];
  for (const file of results) {
    const name = path.relative(root, file.name);
    const tests = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of tests) failures.push(`${name} > ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
    if (tests.length === 0 && file.status === "failed") failures.push(`${name}: ${firstLine(file.message)}`);
  }
  return failures;
}

function firstLine(text = "") {
  return text.trim().split("\n")[0];
}

function run(command, args, options) {
  return spawnSync(command, args, { cwd: root, encoding: "utf8", ...options });
}
