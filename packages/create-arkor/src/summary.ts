/** What the summary needs of a created project (strings, so an `init` event's fields do too). */
export interface ProjectSummary {
  relativeDir: string;
  template: string;
  files: string[];
  overwritten: string[];
  git: boolean;
  installed: boolean;
  packageManager: string;
  next: string[];
}

/** What `arkor init` and `npm create arkor` say when they are done: what was made, then the commands to run next. */
export function summaryLines(created: ProjectSummary): string[] {
  const where = created.relativeDir === "." ? "this folder" : created.relativeDir;
  return [
    `Created an arkor project in ${where} from the ${created.template} template: ${created.files.join(", ")}`,
    ...overwrittenLines(created.overwritten),
    ...(created.git ? ["Made it a git repository."] : []),
    ...(created.installed ? [`Installed its dependencies with ${created.packageManager}.`] : []),
    "",
    "Next:",
    ...created.next.map((command) => `  ${command}`),
  ];
}

function overwrittenLines(overwritten: string[]): string[] {
  const replaced = overwritten.filter((file) => file !== "package.json");
  return [
    ...(replaced.length > 0 ? [`Overwrote ${replaced.join(", ")}.`] : []),
    ...(overwritten.includes("package.json") ? ["Set arkor's scripts (build, start, dev, typecheck) and dev dependencies in the existing package.json; the rest of it is as it was."] : []),
  ];
}
