// The arkor bin of a checkout, as its package.json names it (dist/cli.cjs now; dist/cli.js before).
import { readFileSync } from "node:fs";
import path from "node:path";

export function arkorBin(root) {
  const packageDir = path.join(root, "packages/arkor");
  return path.join(packageDir, JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).bin.arkor);
}
