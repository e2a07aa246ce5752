import { normLower, sameNumber, type ComponentResult, type Prepared, type View } from '../input';
import type { Token } from '../text/lex';
import { signedNumber } from '../text/view';
import { W } from '../lexicon';

/**
 * Citation validity: a metric is cited by its identifier (`txGrowth7dFrac`, [daily_txns],
 * active_senders) or as "transactions: 290,895". A citation with a value is valid when the
 * value is the metric's value on one of the prompt's rows (within the precision written; a
 * fraction may be quoted as a percentage); one without a value is a reference (half credit)
 * if the metric exists. An identifier in brackets or backticks that is no metric is invented.
 * Each distinct (metric, value) counts once.
 * Score = (valid quotes + ½·references) / distinct citations × min(1, metrics quoted / target).
 */

const VALUE_GLUE = new Set([
  'is',
  'was',
  'were',
  'of',
  'at',
  'equals',
  'stood',
  'stands',
  'came',
  'about',
  'approximately',
  'around',
  'roughly',
  'reads',
  'shows',
  'reported',
  'value',
  'currently',
  'now',
]);
const PUNCT_GLUE = new Set([':', '=', '(', '≈', '~', ',']);
const OPERATORS = new Set(['+', '-', '*', '/', '^']);

/** camelCase or snake_case: written as an identifier, not as an English word. */
function looksLikeIdentifier(s: string): boolean {
  if (s.includes('_')) return true;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const prev = s.charCodeAt(i - 1);
    if (c >= 65 && c <= 90 && ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57))) return true;
  }
  return false;
}

const isP = (t: Token | undefined, s: string): boolean => t !== undefined && t.k === 'p' && t.s === s;

function valueAfter(tokens: readonly Token[], i: number, end: number): ReturnType<typeof signedNumber> {
  let j = i;
  for (let skipped = 0; j < end && skipped < 5; skipped++) {
    const t = tokens[j] as Token;
    if ((t.k === 'p' && PUNCT_GLUE.has(t.s)) || (t.k === 'w' && VALUE_GLUE.has(t.lo))) j++;
    // Markdown bold around a name ("**transactions**: 5"), never a lone * (a product).
    else if (isP(t, '*') && isP(tokens[j + 1], '*') && !(tokens[j + 1] as Token).sp) j += 2;
    else break;
  }
  return signedNumber(tokens, j, end);
}

function valueBefore(tokens: readonly Token[], i: number, start: number): ReturnType<typeof signedNumber> {
  let j = i - 1;
  for (
    let skipped = 0;
    j >= start && skipped < 2 && (isP(tokens[j], '[') || isP(tokens[j], '(') || isP(tokens[j], '`'));
    skipped++
  )
    j--;
  if (j < start || (tokens[j] as Token).k !== 'n') return null;
  const signed = j - 1 >= start && (isP(tokens[j - 1], '-') || isP(tokens[j - 1], '+')) && !(tokens[j] as Token).sp;
  return signedNumber(tokens, signed ? j - 1 : j, i);
}

interface Tally {
  quotes: Set<string>;
  quotedMetrics: Set<string>;
  references: Set<string>;
  invalid: Set<string>;
  examples: string[];
}

function scan(v: View, p: Prepared, tally: Tally): void {
  const t = v.tokens;
  for (const line of v.lines) {
    if (line.fence) continue;
    for (let i = line.start; i < line.end; i++) {
      const tok = t[i] as Token;
      if (tok.k !== 'w') continue;
      const bracketed = (isP(t[i - 1], '[') && isP(t[i + 1], ']')) || (isP(t[i - 1], '`') && isP(t[i + 1], '`'));
      if (!bracketed && !((v.bits[i] as number) & W.metric)) continue;
      const metric = p.names.get(normLower(tok.lo));
      const ident = looksLikeIdentifier(tok.s);
      const after = bracketed ? i + 2 : i + 1;
      if (!metric) {
        if (bracketed && ident) {
          tally.invalid.add(`?${normLower(tok.lo)}`);
          if (tally.examples.length < 4) tally.examples.push(`invented ${tok.s}`);
        }
        continue;
      }
      // A plain word ("transactions") is a citation only in the form "transactions: 290,895".
      if (!bracketed && !ident && !((isP(t[after], ':') || isP(t[after], '=')) && signedNumber(t, after + 1, line.end)))
        continue;
      // A name inside a formula ("[total_volume] / [daily_txns] = 5.81 / 290,895") quotes no value of its own.
      const signed =
        (isP(t[after], '-') || isP(t[after], '+')) && t[after + 1]?.k === 'n' && !(t[after + 1] as Token).sp;
      // An operator right before the name puts it in a formula, unless it opens the line: "- `m`: 5" is a bullet.
      const before = bracketed ? i - 2 : i - 1;
      const inFormula =
        (OPERATORS.has(t[after]?.s ?? '') && !signed) || (before > line.start && OPERATORS.has(t[before]?.s ?? ''));
      const found = inFormula
        ? null
        : (valueAfter(t, after, line.end) ?? valueBefore(t, bracketed ? i - 1 : i, line.start));
      // "Transactions: +2.1%" is a change, not a quote of a count: a percentage quotes only a fraction metric.
      const value = found && found.pct && !p.fractions.has(metric) ? null : found;
      const rows = p.byMetric.get(metric) ?? [];
      if (!value) {
        if (rows.some((g) => g.current)) tally.references.add(metric);
        else {
          tally.invalid.add(`${metric}|`);
          if (tally.examples.length < 4) tally.examples.push(`${metric} is not in the row`);
        }
        continue;
      }
      const key = `${metric}|${value.v < 0 ? '-' : ''}${value.tok.lo}`;
      // Only the prompt's own row is today: a history value quoted as a metric's value is another day's number.
      if (rows.some((g) => g.current && sameNumber(value.v, value.tol, value.pct, g.value, g.fraction))) {
        tally.quotes.add(key);
        tally.quotedMetrics.add(metric);
      } else {
        tally.invalid.add(key);
        if (tally.examples.length < 4)
          tally.examples.push(
            `${metric} quoted as ${value.v < 0 ? '-' : ''}${value.tok.s}${rows.length ? '' : ' (not in the row)'}`,
          );
      }
    }
  }
}

export function citation(p: Prepared): ComponentResult {
  const tally: Tally = {
    quotes: new Set(),
    quotedMetrics: new Set(),
    references: new Set(),
    invalid: new Set(),
    examples: [],
  };
  scan(p.answer, p, tally);
  let refs = 0;
  for (const m of tally.references) if (!tally.quotedMetrics.has(m)) refs++;
  const q = tally.quotes.size;
  const bad = tally.invalid.size;
  const total = q + refs + bad;
  const c = p.cfg.params.citation;
  const score =
    total > 0 ? ((q + c.referenceCredit * refs) / total) * Math.min(1, tally.quotedMetrics.size / c.target) : 0;
  const head =
    total > 0
      ? `${q} valid quotes of ${tally.quotedMetrics.size} metrics, ${refs} references, ${bad} invalid`
      : 'no metric cited';
  return {
    score,
    applicable: true,
    explanation: tally.examples.length ? `${head}; ${tally.examples.join('; ')}` : head,
    details: { quotes: q, metrics: tally.quotedMetrics.size, references: refs, invalid: bad },
  };
}
