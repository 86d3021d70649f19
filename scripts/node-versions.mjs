// The Node binaries other than the running one that the scripts test and
// measure on: the registry packages node-<platform>-<arch>@<major>, installed
// once into node_modules/.cache and reused after that.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, "node_modules/.cache/arkor-node-versions");
const packageName = `node-${process.platform}-${process.arch}`;

/** The cached binary of `major`, installed from the registry on first use; exits the process if it cannot be. */
export function installNode(major) {
  const prefix = path.join(cacheDir, major);
  const binary = path.join(prefix, "node_modules", packageName, "bin", "node");
  if (existsSync(binary)) return binary;
  mkdirSync(prefix, { recursive: true });
  console.log(`Installing ${packageName}@${major} into ${path.relative(root, prefix)}`);
  const installed = spawnSync(
    "npm",
    ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${packageName}@${major}`],
    { cwd: root, stdio: "inherit" },
  );
  if (installed.status !== 0 || !existsSync(binary)) {
    console.error(`error: could not install ${packageName}@${major} from the npm registry. Check the network (or that the package exists for this platform), then rerun.`);
    process.exit(1);
  }
  return binary;
}
