import type { ComponentResult, Prepared } from '../input';
import { historyClaims } from './history';
import { lookalikes } from './lookalike';

/**
 * Verifiable claims, the whole reward of a task without an outcome: what the answer (and the
 * reasoning's equations) claim that can be checked against the prompt's rows. Credit only for
 * correct derived numbers (credited calculations: grounded in today's row, not trivial, not a
 * restatement of a given value, not meaningless); quoting a given value earns nothing (anyone
 * can copy the prompt); self-assessment, checklists and notes to the grader earn nothing here
 * and zero the reward through the injection gate.
 * Graded, and unable to grow with added text:
 * - credit = min(credited, target) / target: the first `target` (2) right derived numbers earn,
 *   more earn nothing, so padding an analysis that already has them cannot raise it;
 * - precision = counted / (counted + falseCost·false + ½·ungrounded), with counted = min(credited,
 *   target): every false claim (a wrong result, a misquoted, invented or other-day value, a
 *   look-alike number or name, see lookalike.ts; a false statistic of the table, history.ts) and
 *   every calculation on numbers not in the
 *   data lowers it, and extra true claims cannot buy room for false ones.
 * Score = credit × precision: an analysis with two right derived numbers and one slip scores
 * 2/3, one without any right derived number 0.
 */
export function claims(
  p: Prepared,
  parts: { calculation: ComponentResult; citation: ComponentResult },
): ComponentResult {
  const c = p.cfg.params.claims;
  const credited = parts.calculation.details.credited ?? 0;
  const lookalike = lookalikes(p.input.answer);
  const history = historyClaims(p);
  const wrong = (parts.calculation.details.wrong ?? 0) + (parts.citation.details.invalid ?? 0) + lookalike + history;
  const ungrounded = parts.calculation.details.ungrounded ?? 0;
  const counted = Math.min(credited, c.target);
  const denom = counted + c.falseCost * wrong + c.ungroundedWeight * ungrounded;
  const score = counted > 0 ? (counted / c.target) * (counted / denom) : 0;
  return {
    score,
    applicable: true,
    explanation: `${credited} correct derived numbers (${counted} counted), ${wrong} false claims (${lookalike} look-alike numbers or names, ${history} false table statistics), ${ungrounded} calculations on numbers not in today's data`,
    details: { credited, counted, false: wrong, lookalike, history, ungrounded },
  };
}
