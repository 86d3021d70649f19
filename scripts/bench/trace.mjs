#!/usr/bin/env node
// Which files a command loads, grouped by package, with their sizes: the
// module trace behind docs/performance.md's plan for the CLI's start-up.
//
//   node scripts/bench/trace.mjs <cwd> <arkor args…>     e.g. trace.mjs . --version
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { arkorBin } from "../arkorBin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [cwd = ".", ...args] = process.argv.slice(2);
const dir = mkdtempSync(path.join(os.tmpdir(), "arkor-trace-"));
const hook = path.join(dir, "hook.mjs");
const log = path.join(dir, "loaded.txt");
// The documented module.register hooks: every module Node loads passes through `load`.
writeFileSync(
  hook,
  `import { register } from "node:module";
register(\`data:text/javascript,\${encodeURIComponent(\`
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  const result = await next(url, context);
  appendFileSync(${JSON.stringify(log)}, url + "\\\\n");
  return result;
}\`)}\`);
`,
);
try {
  spawnSync(process.execPath, [`--import=${hook}`, arkorBin(root), ...args], { cwd, stdio: "ignore" });
  const files = readFileSync(log, "utf8").trim().split("\n").filter((url) => url.startsWith("file:"));
  const groups = new Map();
  for (const url of files) {
    const file = fileURLToPath(url.replace(/\?.*$/, ""));
    const inRepo = !path.relative(root, file).startsWith("..");
    const group = !inRepo ? "(the project: its artifact)" : /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? path.relative(root, file).split(path.sep).slice(0, 2).join("/");
    const entry = groups.get(group) ?? { files: 0, bytes: 0 };
    entry.files += 1;
    entry.bytes += statSync(file).size;
    groups.set(group, entry);
  }
  const total = [...groups.values()].reduce((sum, entry) => ({ files: sum.files + entry.files, bytes: sum.bytes + entry.bytes }), { files: 0, bytes: 0 });
  console.log(`arkor ${args.join(" ")}: ${total.files} files, ${(total.bytes / 1024).toFixed(0)} KiB`);
  for (const [group, entry] of groups) console.log(`  ${group.padEnd(28)} ${String(entry.files).padStart(3)} files ${(entry.bytes / 1024).toFixed(1).padStart(7)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
