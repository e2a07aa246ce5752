import type { ComponentResult, Prepared } from '../input';
import type { Token } from '../text/lex';
import { sentences } from '../text/view';
import { W } from '../lexicon';

/**
 * Insight: recommendations in the answer that are concrete, quantified and risk-aware. A
 * recommendation is a prose sentence of at least `minWords` words with a recommendation cue
 * (should, consider, monitor, reduce…) whose cue, condition and risk words are not most of it
 * (a keyword salad is not advice). Each is scored on: quantified (a number about a named
 * quantity: transactions, fees, a metric…), conditional (if, below, within…), risk-aware
 * (risk, downside, invalidate…). Score = mean of the best `top` distinct ones (missing ones
 * count 0), so one good recommendation is not enough and a hundred earn no more than `top`.
 */
export function insight(p: Prepared): ComponentResult {
  const c = p.cfg.params.insight;
  const t = p.answer.tokens;
  const bits = p.answer.bits;
  const seen = new Set<string>();
  const scores: number[] = [];
  for (const [a, b] of sentences(p.answer)) {
    let words = 0;
    let flags = 0;
    let hasCue = false;
    let hasNumber = false;
    let hasSubject = false;
    let hasCondition = false;
    let hasRisk = false;
    const key: string[] = [];
    for (let i = a; i < b; i++) {
      const x = t[i] as Token;
      if (x.k === 'n') hasNumber = true;
      if (x.k !== 'w') continue;
      words++;
      key.push(x.lo);
      const b = bits[i] as number;
      const cue = (b & W.cue) !== 0;
      const cond = (b & W.condition) !== 0;
      const risk = (b & W.risk) !== 0;
      if (cue) hasCue = true;
      if (cond) hasCondition = true;
      if (risk) hasRisk = true;
      if (cue || cond || risk) flags++;
      if (b & (W.subject | W.metric)) hasSubject = true;
    }
    if (!hasCue || words < c.minWords || flags > c.maxCueShare * words) continue;
    const k = key.join(' ');
    if (seen.has(k)) continue;
    seen.add(k);
    const s =
      (c.parts.quantified * (hasNumber && hasSubject ? 1 : 0) +
        c.parts.conditional * (hasCondition ? 1 : 0) +
        c.parts.riskAware * (hasRisk ? 1 : 0)) /
      (c.parts.quantified + c.parts.conditional + c.parts.riskAware);
    scores.push(s);
  }
  scores.sort((x, y) => y - x);
  let sum = 0;
  for (let i = 0; i < Math.min(c.top, scores.length); i++) sum += scores[i] as number;
  const score = sum / c.top;
  return {
    score,
    applicable: true,
    explanation: scores.length
      ? `${scores.length} recommendation(s); the best ${Math.min(c.top, scores.length)} average ${score.toFixed(2)} of ${c.top}`
      : 'no recommendation',
    details: { recommendations: scores.length },
  };
}
