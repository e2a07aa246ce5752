/**
 * Look-alike numbers and names: digits from other scripts that a reader takes for numbers
 * (fullwidth ０-９, mathematical bold/sans/monospace 𝟎-𝟿, Arabic-Indic) and words that mix ASCII
 * letters with Cyrillic, Greek or fullwidth look-alikes (`trаnsactions` with a Cyrillic а). The
 * lexer reads only ASCII digits and letters, so such text can state numbers no check can verify;
 * an English analysis has no reason to write them, so each distinct one counts as a false claim.
 * Found with two regexes over the answer (code points, the `u` flag), the same in both twins;
 * skipped at once for plain-ASCII text.
 */
// Anything outside tab..tilde (a fast skip only: the counts below decide).
const NON_ASCII = /[^\t-~]/;
const LOOKALIKE_DIGITS = /[\uff10-\uff19\u{1d7ce}-\u{1d7ff}\u0660-\u0669\u06f0-\u06f9]+/gu;
const LETTER_RUNS = /[A-Za-z\u0370-\u03ff\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a]+/gu;
const ASCII_LETTER = /[A-Za-z]/;
const FOREIGN_LETTER = /[\u0370-\u03ff\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a]/u;

/** Distinct look-alike digit runs and mixed-script words in `text`. */
export function lookalikes(text: string): number {
  if (!NON_ASCII.test(text)) return 0;
  const found = new Set<string>();
  for (const m of text.matchAll(LOOKALIKE_DIGITS)) found.add(m[0]);
  for (const m of text.matchAll(LETTER_RUNS)) if (ASCII_LETTER.test(m[0]) && FOREIGN_LETTER.test(m[0])) found.add(m[0]);
  return found.size;
}
