import path from "node:path";
import { fileURLToPath } from "node:url";

/** The templates, with the line `--help` and the prompt show for each. */
export const TEMPLATES = {
  typescript: "a trainer in TypeScript that runs in arkor's process and reports its progress",
  python: "a command trainer: arkor runs train.py (Python, standard library only) as a job and follows its progress",
  slurm: "the Python trainer with resources for a Slurm cluster, and the config that sends it there",
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];
export const DEFAULT_TEMPLATE: TemplateName = "typescript";

/** Each template is folders of files laid over each other in order: a later folder's file replaces an earlier one's. */
const LAYERS: Record<TemplateName, string[]> = {
  typescript: ["common", "typescript"],
  python: ["common", "python"],
  slurm: ["common", "python", "slurm"],
};

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/** The template's folders, in the package beside dist/. */
export function templateFolders(template: TemplateName): string[] {
  const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  return LAYERS[template].map((layer) => path.join(packageRoot, "templates", layer));
}
