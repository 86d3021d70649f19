import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { execCommand, installCommand, runScriptCommand, type PackageManagerName } from "./packageManager.js";
import { templateFolders, type TemplateName } from "./templates.js";

export interface ProjectSettings {
  template: TemplateName;
  /** The package name. */
  name: string;
  packageManager: PackageManagerName;
  /** The version range of arkor the project asks for. */
  arkorRange: string;
  /** The range of @types/node: the major of the Node that runs us, so the types match the runtime. */
  nodeTypesRange: string;
}

// npm leaves `.gitignore` out of a package it publishes, so the templates keep theirs as `_gitignore`.
const RENAMED: Record<string, string> = { _gitignore: ".gitignore" };

/** Every file of the new project, by its path relative to the project (with "/"): the top folder's first, then the others'. */
export function projectFiles(settings: ProjectSettings): Map<string, string> {
  const files = new Map<string, string>([["package.json", packageJson(settings)]]);
  for (const folder of templateFolders(settings.template)) {
    for (const relative of filesBelow(folder)) {
      const target = relative
        .split("/")
        .map((part) => RENAMED[part] ?? part)
        .join("/");
      files.set(target, fillIn(readFileSync(path.join(folder, relative), "utf8"), settings));
    }
  }
  const depth = (file: string) => file.split("/").length;
  return new Map([...files].sort(([a], [b]) => depth(a) - depth(b) || (a === "package.json" ? -1 : b === "package.json" ? 1 : a.localeCompare(b))));
}

function packageJson(settings: ProjectSettings): string {
  const manifest = {
    name: settings.name,
    version: "0.1.0",
    private: true,
    type: "module",
        // start names the entry, so it builds from the sources every time: an edit is never run stale.
    scripts: { build: "arkor build", start: "arkor start src/arkor/index.ts", dev: "arkor dev", typecheck: "tsc --noEmit" },
    devDependencies: { "@types/node": settings.nodeTypesRange, arkor: settings.arkorRange, typescript: "^5.9.3" },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `{{name}}`, `{{install}}`, `{{arkor}}` (the bin, run through the package manager) and `{{run <script>}}` in a template. */
function fillIn(text: string, settings: ProjectSettings): string {
  const { name, packageManager } = settings;
  return text.replace(/\{\{(name|install|arkor|run ([a-z]+))\}\}/g, (_, what: string, script?: string) => {
    if (script) return runScriptCommand(packageManager, script);
    if (what === "arkor") return execCommand(packageManager, "arkor");
    return what === "name" ? name : installCommand(packageManager).join(" ");
  });
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
