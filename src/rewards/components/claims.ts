import type { ComponentResult } from '../input';
import type { RewardConfig } from '../config';

/**
 * Verifiable claims, the whole reward of a task without an outcome: what the answer (and the
 * reasoning's equations) claim that can be checked against the prompt's rows. Credit only for
 * correct derived numbers (credited calculations: grounded in today's row, not trivial, not a
 * restatement of a given value, not meaningless); every false claim (a wrong result, a
 * misquoted, invented or other-day value) and, at half weight, every calculation on numbers not
 * in the data counts against. Quoting a given value correctly earns nothing (anyone can copy
 * the prompt); self-assessment, checklists and notes to the grader earn nothing here and zero
 * the reward through the injection gate.
 * A false claim costs `falseCost` (2) true ones, so padding an answer with true numbers cannot
 * buy room for false ones: a claim pays only if it is right more than two times in three.
 * Score = max(0, credited − 2·false) / (credited + false + ½·ungrounded) × min(1, credited / target).
 */
export function claims(
  parts: { calculation: ComponentResult; citation: ComponentResult },
  cfg: RewardConfig,
): ComponentResult {
  const c = cfg.params.claims;
  const credited = parts.calculation.details.credited ?? 0;
  const wrong = (parts.calculation.details.wrong ?? 0) + (parts.citation.details.invalid ?? 0);
  const ungrounded = parts.calculation.details.ungrounded ?? 0;
  const denom = credited + wrong + c.ungroundedWeight * ungrounded;
  const score =
    denom > 0 ? (Math.max(0, credited - c.falseCost * wrong) / denom) * Math.min(1, credited / c.target) : 0;
  return {
    score,
    applicable: true,
    explanation: `${credited} correct derived numbers, ${wrong} false claims, ${ungrounded} calculations on numbers not in today's data`,
    details: { credited, false: wrong, ungrounded },
  };
}
