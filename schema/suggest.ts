// Did-you-mean for a misspelt key, section type, enum value or role: the closest known word, if
// it is close enough to be a plausible typo (a wrong case, a missing or swapped letter, ...).
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word`, or undefined when none is plausibly meant. A candidate that
 * differs only in case always wins; otherwise the edit distance must be at most a third of the
 * longer word (at least 1, at most 3), so `keep-dayly` → `keep-daily` but `foo` → nothing.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word === '') return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const lc = c.toLowerCase();
    if (lc === lower) return c;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(c.length, word.length) / 3)));
    if (Math.abs(lc.length - lower.length) > limit) continue;
    const d = distance(lower, lc);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `" (did you mean 'x'?)"`, or the empty string when there is no suggestion. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
}
