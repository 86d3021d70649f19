import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "esbuild";

const NOTICES_FILE = "THIRD_PARTY_NOTICES.md";
// A package's own path in a module's: the last node_modules/<name> (or node_modules/@scope/name) in it.
const PACKAGE_ROOT = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;

/**
 * An esbuild plugin (for tsup) that writes `dist/THIRD_PARTY_NOTICES.md` for
 * every package the build bundled from node_modules: its name, version,
 * licence and the licence text with its copyright line, taken from the
 * package's own LICENSE file, or from its README's licence section when it
 * ships none (clipanion and typanion keep theirs there). A bundled package
 * whose licence text cannot be found fails the build: its code must not ship
 * without it.
 */
export function thirdPartyNotices(distDir: string): Plugin {
  return {
    name: "third-party-notices",
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        if (!result.metafile || result.errors.length > 0) return;
        const roots = new Set<string>();
        for (const input of Object.keys(result.metafile.inputs)) {
          const root = PACKAGE_ROOT.exec(path.resolve(input))?.[1];
          if (root) roots.add(root);
        }
        if (roots.size === 0) return;
        const sections = [...roots].map(noticeOf).sort();
        mkdirSync(distDir, { recursive: true });
        writeFileSync(
          path.join(distDir, NOTICES_FILE),
          `# Third-party notices\n\nThis package bundles the code of the packages below into its own files. Their licences follow.\n\n${sections.join("\n")}`,
        );
      });
    },
  };
}

function noticeOf(root: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string; license?: string; homepage?: string };
  const text = licenceFile(root) ?? licenceSection(root);
  if (!text) throw new Error(`${manifest.name}@${manifest.version} is bundled, but neither a LICENSE file nor a licence section in its README was found in ${root}.`);
  const home = manifest.homepage ? ` (${manifest.homepage})` : "";
  return `## ${manifest.name}@${manifest.version}${home}\n\nLicense: ${manifest.license ?? "see below"}\n\n${text.trim()}\n`;
}

function licenceFile(root: string): string | undefined {
  const name = readdirSync(root).find((file) => /^licen[cs]e(\.(md|txt))?$/i.test(file));
  return name ? readFileSync(path.join(root, name), "utf8") : undefined;
}

/** The README's `## License` section, without Markdown's quote markers. */
function licenceSection(root: string): string | undefined {
  const readme = readdirSync(root).find((file) => /^readme(\.md)?$/i.test(file));
  if (!readme || !existsSync(path.join(root, readme))) return undefined;
  const lines = readFileSync(path.join(root, readme), "utf8").split("\n");
  const start = lines.findIndex((line) => /^#{1,6}\s+licen[cs]e\b/i.test(line));
  if (start === -1) return undefined;
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((line, index) => index > start && new RegExp(`^#{1,${level}}\\s`).test(line));
  const section = lines.slice(start + 1, end === -1 ? undefined : end).map((line) => line.replace(/^>\s?/, "").replace(/\*\*/g, ""));
  const text = section.join("\n").trim();
  return /copyright/i.test(text) ? text : undefined;
}
