/**
 * The known name a misspelt one was probably meant to be, or undefined when
 * none is close: same letters in another case (`resolveentry`), or a typo or
 * two (`bundel`, `wacth`) that keeps the first letter. Strict on purpose: a
 * key that is merely unknown is allowed, so only a near miss may be refused.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  // A known name is no miss, even when another known name is one typo from it (`backends`, `backend`).
  if (known.includes(name)) return undefined;
  const lower = name.toLowerCase();
  for (const candidate of known) {
    const target = candidate.toLowerCase();
    if (lower === target) return candidate;
    if (lower[0] !== target[0]) continue;
    if (editDistance(lower, target) <= (target.length >= 6 ? 2 : 1)) return candidate;
  }
  return undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
