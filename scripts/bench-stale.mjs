#!/usr/bin/env node
// Measures what the manifest checks (the artifact's hash, then a stat per
// input) add to `arkor start` on a project of 1000 modules: the same artifact
// started with its manifest, and with the manifest removed (no checks).
// Interleaved in one loop, so machine noise hits both alike. The contract is
// under 5 %.
//
//   node scripts/bench-stale.mjs [runs=20] [modules=1000]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, "packages/arkor/dist/cli.js");
const runs = Number(process.argv[2] ?? 20);
const modules = Number(process.argv[3] ?? 1000);

const project = mkdtempSync(path.join(os.tmpdir(), "arkor-bench-stale-"));
mkdirSync(path.join(project, "src/arkor/modules"), { recursive: true });
mkdirSync(path.join(project, "node_modules"));
symlinkSync(path.join(root, "packages/arkor"), path.join(project, "node_modules/arkor"), "dir");
writeFileSync(path.join(project, "package.json"), '{ "type": "module" }\n');
for (let i = 0; i < modules; i++) {
  writeFileSync(path.join(project, `src/arkor/modules/m${i}.ts`), `export function m${i}(x: number): number {\n  return x + ${i};\n}\n`);
}
const imports = Array.from({ length: modules }, (_, i) => `import { m${i} } from "./modules/m${i}";`).join("\n");
const sum = Array.from({ length: modules }, (_, i) => `m${i}`).join(", ");
writeFileSync(
  path.join(project, "src/arkor/index.ts"),
  `${imports}
import { createArkor, createTrainer } from "arkor";
const total = [${sum}].reduce((acc, f) => f(acc), 0);
export const arkor = createArkor({
  trainer: createTrainer({
    async start() { return { jobId: "bench-" + total }; },
    async wait() { return { job: { id: "bench", status: "completed" } }; },
  }),
});
`,
);

const manifest = path.join(project, ".arkor/build/manifest.json");
const aside = path.join(project, "manifest.json.aside");

function time(withManifest) {
  if (!withManifest) renameSync(manifest, aside);
  try {
    const started = process.hrtime.bigint();
    const { status, stderr } = spawnSync(process.execPath, [bin, "start"], { cwd: project, encoding: "utf8" });
    if (status !== 0 || stderr !== "") throw new Error(`arkor start exited ${status}: ${stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    if (!withManifest) renameSync(aside, manifest);
  }
}

try {
  if (spawnSync(process.execPath, [bin, "build"], { cwd: project }).status !== 0) throw new Error("arkor build failed");
  const inputs = JSON.parse(readFileSync(manifest, "utf8")).inputs.length;
  if (inputs !== modules + 1) throw new Error(`the manifest lists ${inputs} inputs, not ${modules + 1}`);
  const samples = { "without manifest": [], "with manifest": [] };
  for (let i = 0; i < runs + 2; i++) {
    const without = time(false);
    const withChecks = time(true);
    if (i >= 2) {
      // the first two warm the disk cache
      samples["without manifest"].push(without);
      samples["with manifest"].push(withChecks);
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  for (const [name, ms] of Object.entries(medians)) console.log(`${name.padEnd(17)} median ${ms.toFixed(1)} ms over ${runs} runs`);
  const overhead = (medians["with manifest"] / medians["without manifest"] - 1) * 100;
  console.log(`the checks add ${overhead.toFixed(1)} % to arkor start on ${modules} modules`);
} finally {
  rmSync(project, { recursive: true, force: true });
}
