import { WorkbenchError } from '../core/errors';
import { calculation } from './components/calculation';
import { citation } from './components/citation';
import { claims } from './components/claims';
import { insight } from './components/insight';
import { interval } from './components/interval';
import { outcome, readPrediction } from './components/outcome';
import { completeness, falsehood, injection, length, repetition, stuffing } from './components/penalties';
import { structure } from './components/structure';
import {
  DEFAULT_CONFIG,
  PENALTIES,
  QUALITY_COMPONENTS,
  SHAPING_COMPONENTS,
  type Penalty,
  type QualityComponent,
  type RewardConfig,
  type RewardWeights,
} from './config';
import {
  prepare,
  splitCompletion,
  type ComponentResult,
  type OutcomeLike,
  type Prepared,
  type RewardInput,
  type RowLike,
} from './input';

/**
 * The composite reward, outcome first:
 * - gate: a prediction without a valid answer block scores 0 (format is a gate, not a prize);
 *   so does an answer that is missing, cut off or aimed at the grader (the completeness and
 *   injection penalties, λ = 1);
 * - with a realised outcome: (1 − β)·outcome + β·shaping, where outcome is the strictly proper
 *   score of the forecast and shaping the weighted mean of the applicable text components (by
 *   default the verifiable claims alone: text appended to an answer could raise the others), so
 *   text can move the reward by at most β (0.1): never as much as an honest forecast gains over
 *   a biased one (test/rewards/bound.test.ts);
 * - without one (analytical, risk, opportunity, or a prediction not yet resolved): the
 *   verifiable claims alone;
 * times one factor per penalty, each ≤ 1, so no penalty can raise a reward.
 * Every part is returned, so a trainer can log them and a report can explain a score.
 */

const COMPONENT_FNS: Record<Exclude<QualityComponent, 'claims'>, (p: Prepared) => ComponentResult> = {
  outcome,
  calculation,
  citation,
  interval,
  structure,
  insight,
};
type PenaltyFn = (p: Prepared, parts: Record<QualityComponent, ComponentResult>) => ComponentResult;
const PENALTY_FNS: Record<Penalty, PenaltyFn> = { falsehood, stuffing, repetition, length, completeness, injection };

export interface ComponentScore extends ComponentResult {
  /** This component's weight in the quality score (0 when it does not count on this branch). */
  weight: number;
  /** weight × score: its share of the quality score. */
  weighted: number;
}
export interface PenaltyScore extends ComponentResult {
  lambda: number;
  /** 1 − λ(1 − score): what the composite is multiplied by. */
  factor: number;
}

export interface RewardScore {
  composite: number;
  quality: number;
  penaltyFactor: number;
  /** 1, or 0 when a prediction has no valid answer block. */
  gate: number;
  components: Record<QualityComponent, ComponentScore>;
  penalties: Record<Penalty, PenaltyScore>;
}

type Part = Pick<ComponentResult, 'score' | 'applicable'>;

/** Each component's weight in the quality score under `w`: outcome-first when the outcome applies, else the claims alone. */
export function componentWeights(
  parts: Readonly<Record<QualityComponent, Part>>,
  w: RewardWeights,
): Record<QualityComponent, number> {
  const out: Record<QualityComponent, number> = {
    outcome: 0,
    claims: 0,
    calculation: 0,
    citation: 0,
    interval: 0,
    structure: 0,
    insight: 0,
  };
  if (!parts.outcome.applicable) {
    out.claims = 1;
    return out;
  }
  let den = 0;
  for (const c of SHAPING_COMPONENTS) if (parts[c].applicable) den += w.components[c];
  out.outcome = den > 0 ? 1 - w.shaping : 1;
  if (den > 0)
    for (const c of SHAPING_COMPONENTS) if (parts[c].applicable) out[c] = (w.shaping * w.components[c]) / den;
  return out;
}

/** The quality score of the parts under `w` (what the fit re-weights). */
export function combine(parts: Readonly<Record<QualityComponent, Part>>, w: RewardWeights): number {
  const weights = componentWeights(parts, w);
  let q = 0;
  for (const c of QUALITY_COMPONENTS) q += weights[c] * parts[c].score;
  return q;
}

export function scoreCompletion(input: RewardInput, cfg: RewardConfig = DEFAULT_CONFIG): RewardScore {
  const p = prepare(input, cfg);
  const raw = {} as Record<QualityComponent, ComponentResult>;
  raw.outcome = COMPONENT_FNS.outcome(p);
  raw.calculation = COMPONENT_FNS.calculation(p);
  raw.citation = COMPONENT_FNS.citation(p);
  raw.claims = claims(p, raw);
  raw.interval = COMPONENT_FNS.interval(p);
  raw.structure = COMPONENT_FNS.structure(p);
  raw.insight = COMPONENT_FNS.insight(p);
  const weights = componentWeights(raw, cfg.weights);
  const components = {} as Record<QualityComponent, ComponentScore>;
  let quality = 0;
  for (const name of QUALITY_COMPONENTS) {
    const weighted = weights[name] * raw[name].score;
    quality += weighted;
    const r = raw[name];
    // Written out, not spread: spreading the seven parts and six penalties cost about a tenth of the scoring time.
    components[name] = {
      score: r.score,
      applicable: r.applicable,
      explanation: r.explanation,
      details: r.details,
      weight: weights[name],
      weighted,
    };
  }
  const penalties = {} as Record<Penalty, PenaltyScore>;
  let penaltyFactor = 1;
  for (const name of PENALTIES) {
    const r = PENALTY_FNS[name](p, raw);
    const lambda = cfg.weights.penalties[name];
    const factor = 1 - lambda * (1 - r.score);
    penaltyFactor *= factor;
    penalties[name] = {
      score: r.score,
      applicable: r.applicable,
      explanation: r.explanation,
      details: r.details,
      lambda,
      factor,
    };
  }
  // Outcome already read the block when it applies; otherwise a prediction is checked here.
  const gate =
    input.task !== 'predict7d'
      ? 1
      : raw.outcome.applicable
        ? (raw.outcome.details.valid ?? 0)
        : readPrediction(input.answer).ok
          ? 1
          : 0;
  return { composite: gate * quality * penaltyFactor, quality, penaltyFactor, gate, components, penalties };
}

/** The text of a TRL prompt or completion: a string, or a conversation (its contents joined). */
export function messageText(x: unknown, where: string): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) {
    return x
      .map((m, i) => {
        const content = typeof m === 'object' && m !== null ? (m as { content?: unknown }).content : undefined;
        if (typeof content !== 'string')
          throw new WorkbenchError(
            `${where}: message ${i} has no string content`,
            'pass strings or [{role, content}] conversations, as TRL does',
          );
        return content;
      })
      .join('\n');
  }
  throw new WorkbenchError(
    `${where} is neither a string nor a conversation`,
    'pass strings or [{role, content}] conversations, as TRL does',
  );
}

function columnAt(
  columns: Readonly<Record<string, readonly unknown[] | undefined>>,
  name: string,
  i: number,
  n: number,
): unknown {
  const col = columns[name];
  if (col === undefined) return undefined;
  if (!Array.isArray(col) || col.length !== n)
    throw new WorkbenchError(
      `column ${name} has ${Array.isArray(col) ? col.length : 'no'} values for ${n} completions`,
      'pass one value per completion, as TRL does',
    );
  return col[i];
}

const isRow = (x: unknown): x is RowLike => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * TRL's reward-function shape: `(prompts, completions, columns) → number[]`, with the dataset
 * columns the GRPO records carry: `task`, `input_row` (a row or a list of rows),
 * `history_rows` (optional), `outcome` (null until joined). Completions may be
 * `<think>…</think>answer`; an unclosed think block is an answer that never came.
 */
export function trlReward(
  prompts: readonly unknown[],
  completions: readonly unknown[],
  columns: Readonly<Record<string, readonly unknown[] | undefined>> = {},
  cfg: RewardConfig = DEFAULT_CONFIG,
): number[] {
  if (prompts.length !== completions.length)
    throw new WorkbenchError(
      `${prompts.length} prompts for ${completions.length} completions`,
      'pass one prompt per completion',
    );
  const n = completions.length;
  return completions.map((c, i) => {
    const split = splitCompletion(messageText(c, `completion ${i}`));
    const rowValue = columnAt(columns, 'input_row', i, n);
    const rows = Array.isArray(rowValue) ? rowValue.filter(isRow) : isRow(rowValue) ? [rowValue] : [];
    const history = columnAt(columns, 'history_rows', i, n);
    const task = columnAt(columns, 'task', i, n);
    const out = columnAt(columns, 'outcome', i, n);
    return scoreCompletion(
      {
        task: typeof task === 'string' ? task : '',
        reasoning: split.reasoning,
        answer: split.answer,
        rows,
        history: Array.isArray(history) ? history.filter(isRow) : [],
        outcome: isRow(out) ? (out as unknown as OutcomeLike) : null,
        prompt: messageText(prompts[i], `prompt ${i}`),
        truncated: split.unclosedThink,
      },
      cfg,
    ).composite;
  });
}
