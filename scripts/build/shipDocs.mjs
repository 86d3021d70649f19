#!/usr/bin/env node
// The arkor package ships the guide: the repository's README.md as its own README
// and docs/ beside it, so every document a help text, an error or a README names
// is in the installed package (node_modules/arkor/README.md, node_modules/arkor/docs/).
// Run by `arkor`'s build; the copies are not committed (.gitignore).
import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const target = path.join(root, "packages/arkor");

cpSync(path.join(root, "README.md"), path.join(target, "README.md"));
rmSync(path.join(target, "docs"), { recursive: true, force: true });
cpSync(path.join(root, "docs"), path.join(target, "docs"), { recursive: true });
console.log(`Copied README.md and ${readdirSync(path.join(root, "docs")).length} files of docs/ into packages/arkor`);
