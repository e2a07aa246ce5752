/**
 * Numbers written in other ways, rewritten as plain digits before the text is lexed, so every
 * check reads them: number words ("two hundred fifty-two thousand" → 252000, "forty percent" →
 * 40%), European grouping with a decimal comma (1.234.567,8), Indian grouping (2,90,895) and
 * groups split by a no-break or thin space (4 956 445, as fr-FR prints them). A false number is
 * then false whatever its spelling. Sci notation and k/M/B suffixes the lexer already reads.
 * The patterns use ASCII classes only ([0-9], [A-Za-z]), so the Python twin's `re` (with
 * re.ASCII | re.IGNORECASE) matches exactly the same spans. A lone "one" is left as a word
 * ("one of the", "no one"); so is an ambiguous single dot group (1.234 may be a decimal).
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };
const WORD = [...Object.keys(UNITS), ...Object.keys(SCALES)].sort((a, b) => b.length - a.length).join('|');
/** A run of number words joined by spaces or hyphens ("and" is left out: "two and three" is no 5). */
// \b without the u flag is ASCII (as Python's with re.ASCII); the look-ahead on first letters keeps the scan cheap.
const WORDS_RE = new RegExp(`\\b(?=[zotfsenhmb])(?:${WORD})(?:[ -](?:${WORD}))*\\b`, 'gi');
const PERCENT_RE = /([0-9]) ?per ?cent(?![A-Za-z0-9_])/gi;
/** European (dots, decimal comma), Indian (2-digit groups) and no-break-space grouping. */
/** A necessary condition for GROUPED_RE, cheap to test: most texts have no such grouping at all. */
const GROUPED_QUICK = /[0-9]\.[0-9]{3}[.,][0-9]|[0-9],[0-9]{2},[0-9]|[0-9][\u00a0\u202f\u2009][0-9]/;
const GROUPED_RE =
  /(?<![0-9.,])(?:([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)|([0-9]{1,3}(?:\.[0-9]{3}){2,})|([0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3})|([0-9]{1,3}(?:[\u00a0\u202f\u2009][0-9]{3})+)(?:,([0-9]+))?)(?![0-9])/g;

function wordsValue(run: string): number | null {
  const parts = run.toLowerCase().split(/[ -]/);
  if (parts.length === 1 && parts[0] === 'one') return null;
  let total = 0;
  let cur = 0;
  for (const w of parts) {
    const u = UNITS[w];
    if (u !== undefined) cur += u;
    else if (w === 'hundred') cur = (cur || 1) * 100;
    else {
      total += (cur || 1) * (SCALES[w] as number);
      cur = 0;
    }
  }
  return total + cur;
}

function grouped(
  _m: string,
  euInt?: string,
  euDec?: string,
  euOnly?: string,
  indian?: string,
  spaced?: string,
  spDec?: string,
): string {
  if (euInt !== undefined) return `${euInt.split('.').join('')}.${euDec}`;
  if (euOnly !== undefined) return euOnly.split('.').join('');
  if (indian !== undefined) return indian.split(',').join('');
  const int = (spaced as string).replace(/[\u00a0\u202f\u2009]/g, '');
  return spDec === undefined ? int : `${int}.${spDec}`;
}

export function readNumerals(text: string): string {
  const out = text
    .replace(WORDS_RE, (m) => {
      const v = wordsValue(m);
      return v === null ? m : String(v);
    })
    .replace(PERCENT_RE, '$1%');
  return GROUPED_QUICK.test(out) ? out.replace(GROUPED_RE, grouped) : out;
}
