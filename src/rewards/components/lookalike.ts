/**
 * Look-alike numbers and names: digits from other scripts that a reader takes for numbers
 * (fullwidth ０-９, mathematical bold/sans/monospace 𝟎-𝟿, Arabic-Indic) and words that mix ASCII
 * letters with Cyrillic, Greek or fullwidth look-alikes (`trаnsactions` with a Cyrillic а). The
 * lexer reads only ASCII digits and letters, so such text can state numbers no check can verify;
 * an English analysis has no reason to write them, so each distinct one counts as a false claim.
 * Digits: one regex (code points, the `u` flag). Words: from each foreign letter, the letter run
 * around it (ASCII and foreign letters), kept if it holds an ASCII letter, so a lone σ or a
 * Greek word costs nothing and plain text is never split into words. The same in both twins;
 * skipped at once for plain-ASCII text.
 */
// Anything outside tab..tilde (a fast skip only: the counts below decide).
const NON_ASCII = /[^\t-~]/;
const LOOKALIKE_DIGITS = /[\uff10-\uff19\u{1d7ce}-\u{1d7ff}\u0660-\u0669\u06f0-\u06f9]+/gu;
const FOREIGN_LETTER = /[\u0370-\u03ff\u0400-\u04ff\uff21-\uff3a\uff41-\uff5a]/g;
const ASCII_LETTER = /[A-Za-z]/;

/** ASCII, Greek, Cyrillic or fullwidth Latin letter (all in the BMP, so code units are code points here). */
function isLetter(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0x370 && c <= 0x4ff) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Distinct look-alike digit runs and mixed-script words in `text`. */
export function lookalikes(text: string): number {
  if (!NON_ASCII.test(text)) return 0;
  const found = new Set<string>();
  for (const m of text.matchAll(LOOKALIKE_DIGITS)) found.add(m[0]);
  for (const m of text.matchAll(FOREIGN_LETTER)) {
    let a = m.index as number;
    while (a > 0 && isLetter(text.charCodeAt(a - 1))) a--;
    let b = (m.index as number) + 1;
    while (b < text.length && isLetter(text.charCodeAt(b))) b++;
    const run = text.slice(a, b);
    if (ASCII_LETTER.test(run)) found.add(run);
  }
  return found.size;
}
