/**
 * The `Built …` line ends with the artifact's size and the build's time,
 * which vary. These helpers check their format and mask them, so a test can
 * still assert the whole output exactly.
 */

const STATS = / \(\d+(?:\.\d+)? (?:B|kB|MB)\) in \d+ ms$/gm;

/** `(<size>) in <N> ms`: what `maskBuildStats` puts in place of a real size and time. */
export const MASKED_STATS = "(<size>) in <N> ms";

/** Replaces the size and time at the end of every `Built …` line with MASKED_STATS; a line in another format is left as it is (and so fails the test). */
export function maskBuildStats(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.startsWith("Built ") ? line.replace(STATS, ` ${MASKED_STATS}`) : line))
    .join("\n");
}

/** The masked `Built <entry> → <artifact> (<size>) in <N> ms` line, newline included. */
export function builtLine(entry: string, artifact = ".arkor/build/index.mjs"): string {
  return `Built ${entry} → ${artifact} ${MASKED_STATS}\n`;
}
