import { WorkbenchError } from '../core/errors';
import { calculation } from './components/calculation';
import { citation } from './components/citation';
import { insight } from './components/insight';
import { interval } from './components/interval';
import { outcome } from './components/outcome';
import { completeness, falsehood, injection, length, repetition, stuffing } from './components/penalties';
import { structure } from './components/structure';
import { DEFAULT_CONFIG, PENALTIES, QUALITY_COMPONENTS, type Penalty, type QualityComponent, type RewardConfig } from './config';
import { prepare, splitCompletion, type ComponentResult, type OutcomeLike, type Prepared, type RewardInput, type RowLike } from './input';

/**
 * The composite reward: the weighted mean of the applicable quality components (a component
 * that does not apply, such as outcome accuracy before the outcome is known, drops out and
 * the weights of the others are renormalised), times one factor per penalty. Every raw and
 * weighted score is returned, so a trainer can log the parts and a report can explain a score.
 */

const COMPONENT_FNS: Record<QualityComponent, (p: Prepared) => ComponentResult> = { calculation, citation, outcome, interval, structure, insight };
type PenaltyFn = (p: Prepared, parts: Record<QualityComponent, ComponentResult>) => ComponentResult;
const PENALTY_FNS: Record<Penalty, PenaltyFn> = { falsehood, stuffing, repetition, length, completeness, injection };

export interface ComponentScore extends ComponentResult {
  weight: number;
  /** This component's share of the quality score: weight × score / Σ applicable weights. */
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
  components: Record<QualityComponent, ComponentScore>;
  penalties: Record<Penalty, PenaltyScore>;
}

export function scoreCompletion(input: RewardInput, cfg: RewardConfig = DEFAULT_CONFIG): RewardScore {
  const p = prepare(input, cfg);
  const raw = {} as Record<QualityComponent, ComponentResult>;
  let wsum = 0;
  for (const name of QUALITY_COMPONENTS) {
    raw[name] = COMPONENT_FNS[name](p);
    if (raw[name].applicable) wsum += cfg.weights.components[name];
  }
  const components = {} as Record<QualityComponent, ComponentScore>;
  let quality = 0;
  for (const name of QUALITY_COMPONENTS) {
    const r = raw[name];
    const weight = cfg.weights.components[name];
    const weighted = r.applicable && wsum > 0 ? (weight * r.score) / wsum : 0;
    quality += weighted;
    components[name] = { ...r, weight, weighted };
  }
  const penalties = {} as Record<Penalty, PenaltyScore>;
  let penaltyFactor = 1;
  for (const name of PENALTIES) {
    const r = PENALTY_FNS[name](p, raw);
    const lambda = cfg.weights.penalties[name];
    const factor = 1 - lambda * (1 - r.score);
    penaltyFactor *= factor;
    penalties[name] = { ...r, lambda, factor };
  }
  return { composite: quality * penaltyFactor, quality, penaltyFactor, components, penalties };
}

/** The text of a TRL prompt or completion: a string, or a conversation (its contents joined). */
export function messageText(x: unknown, where: string): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) {
    return x
      .map((m, i) => {
        const content = typeof m === 'object' && m !== null ? (m as { content?: unknown }).content : undefined;
        if (typeof content !== 'string') throw new WorkbenchError(`${where}: message ${i} has no string content`, 'pass strings or [{role, content}] conversations, as TRL does');
        return content;
      })
      .join('\n');
  }
  throw new WorkbenchError(`${where} is neither a string nor a conversation`, 'pass strings or [{role, content}] conversations, as TRL does');
}

function columnAt(columns: Readonly<Record<string, readonly unknown[] | undefined>>, name: string, i: number, n: number): unknown {
  const col = columns[name];
  if (col === undefined) return undefined;
  if (!Array.isArray(col) || col.length !== n) throw new WorkbenchError(`column ${name} has ${Array.isArray(col) ? col.length : 'no'} values for ${n} completions`, 'pass one value per completion, as TRL does');
  return col[i];
}

const isRow = (x: unknown): x is RowLike => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * TRL's reward-function shape: `(prompts, completions, columns) → number[]`, with the dataset
 * columns the GRPO records carry: `task`, `input_row` (a row or a list of rows),
 * `history_rows` (optional), `outcome` (null until joined). Completions may be
 * `<think>…</think>answer`; an unclosed think block is an answer that never came.
 */
export function trlReward(prompts: readonly unknown[], completions: readonly unknown[], columns: Readonly<Record<string, readonly unknown[] | undefined>> = {}, cfg: RewardConfig = DEFAULT_CONFIG): number[] {
  if (prompts.length !== completions.length) throw new WorkbenchError(`${prompts.length} prompts for ${completions.length} completions`, 'pass one prompt per completion');
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
