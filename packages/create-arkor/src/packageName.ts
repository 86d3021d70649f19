// What npm accepts as a package name (lower case, URL-safe, at most 214 characters), as its validate-npm-package-name checks.
const VALID_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
const MAX_LENGTH = 214;

/** A package name for a project in `folder`: its name in lower case, with what npm refuses turned into "-". */
export function packageNameFor(folder: string): string {
  const name = folder
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // café → cafe: the accents, not the letters
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "")
    .slice(0, MAX_LENGTH);
  return name === "" ? "arkor-project" : name;
}

/** Why npm would refuse `name` as a package name, or undefined when it would not. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH} characters`;
  if (name !== name.toLowerCase()) return "it has capital letters";
  if (!VALID_NAME.test(name)) return 'it may only have lower-case letters, digits and "-", ".", "_" or "~", and may not start with "." or "_"';
  return undefined;
}
