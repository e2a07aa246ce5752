import {
  outcomeScale,
  prepare,
  scoreCompletion,
  DEFAULT_CONFIG,
  type RewardConfig,
  type RewardInput,
} from '../rewards';
import { lastJsonBlock } from '../contract';
import type { CalibrationCase } from './cases';
import { mean, median } from '../core';

/**
 * "What GRPO would learn": GRPO moves a policy toward whatever earns more reward than its
 * other completions of the same prompt, so what matters is the reward difference an edit
 * earns on the same prompt. For each gaming family this compares its mean reward with the
 * honest tiers, and the reward change of a gaming edit (the attempt's text appended to an
 * honest analysis of the same prompt, its answer block left out, so the forecast is the
 * analysis's own) with that of an honest improvement (mediocre → excellent on the same prompt).
 * It also measures the shaping bound: text can move a reward by at most β, while a forecast
 * biased by one standard deviation of the 7-day change loses (1 − β)·Δoutcome.
 */
export interface ScoredCase {
  c: CalibrationCase;
  s: { composite: number; components: { outcome: { score: number; applicable: boolean } } };
}

export interface FamilyRow {
  family: string;
  set: string;
  n: number;
  mean: number;
  max: number;
  /** Attempts scoring above the median mediocre analysis (all tasks pooled), and above that of their own task. */
  aboveMedianMediocre: number;
  aboveMedianMediocreOfTask: number;
  /** Appended to the mediocre / excellent analysis of the same prompt: mean change, largest change, how often it raised the reward. */
  onMediocre: EditStats;
  onExcellent: EditStats;
}
export interface EditStats {
  n: number;
  meanDelta: number;
  maxDelta: number;
  raised: number;
}

export interface LearnSummary {
  medianMediocre: number;
  medianMediocreByTask: Record<string, number>;
  tiers: { tier: string; mean: number; median: number }[];
  /** Excellent − mediocre on the same prompt. */
  honestImprovement: EditStats;
  families: FamilyRow[];
  bound: {
    shaping: number;
    prompts: number;
    meanOutcomeGap: number;
    weightedGap: number;
    holds: boolean;
    promptsWhereItHolds: number;
    bias: string;
  };
}

const promptOf = (c: CalibrationCase): string => `${c.chain}/${c.date}/${c.task}`;

/** The text without its answer blocks (``` fences that hold JSON): appended text must not replace the forecast. */
export function withoutAnswerBlocks(text: string): string {
  const out: string[] = [];
  let fence: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      if (fence) {
        fence.push(line);
        const body = fence.slice(1, -1).join('\n').trim();
        const lang = (fence[0] as string).trim().slice(3).trim().toLowerCase();
        if (!(lang === 'json' || (lang === '' && body.startsWith('{')))) out.push(...fence);
        fence = null;
      } else fence = [line];
    } else if (fence) fence.push(line);
    else out.push(line);
  }
  if (fence) out.push(...fence);
  return out.join('\n');
}

/** An honest analysis with gaming text appended: the attempt's reasoning after its reasoning, its answer (blocks removed) before its answer block. */
export function appendGaming(base: RewardInput, attack: RewardInput): RewardInput {
  const block = lastJsonBlock(base.answer);
  const prose = withoutAnswerBlocks(base.answer).trimEnd();
  const added = withoutAnswerBlocks(attack.answer).trim();
  const answer = `${prose}\n\n${added}${block === null ? '' : `\n\n\`\`\`json\n${block}\n\`\`\``}`;
  return { ...base, reasoning: `${base.reasoning}\n\n${attack.reasoning}`, answer };
}

function editStats(deltas: readonly number[]): EditStats {
  return {
    n: deltas.length,
    meanDelta: mean(deltas, 0),
    maxDelta: deltas.length ? Math.max(...deltas) : 0,
    raised: deltas.filter((d) => d > 1e-12).length,
  };
}

/** The answer with its forecast shifted by `shift` (point, low and high), or null without a block. */
export function shiftForecast(answer: string, shift: number): string | null {
  const body = lastJsonBlock(answer);
  if (body === null) return null;
  const b = JSON.parse(body) as Record<string, { point: number; low: number; high: number } | string | null>;
  for (const k of ['tx_growth_7d', 'user_growth_7d']) {
    const iv = b[k];
    if (iv && typeof iv === 'object') b[k] = { point: iv.point + shift, low: iv.low + shift, high: iv.high + shift };
  }
  return `${withoutAnswerBlocks(answer).trimEnd()}\n\n\`\`\`json\n${JSON.stringify(b)}\n\`\`\``;
}

export function whatGrpoLearns(
  scored: readonly ScoredCase[],
  gaming: readonly { set: string; cases: readonly ScoredCase[] }[],
  cfg: RewardConfig = DEFAULT_CONFIG,
): LearnSummary {
  const byPrompt = new Map<string, Map<string, ScoredCase>>();
  for (const x of scored) {
    const m = byPrompt.get(promptOf(x.c)) ?? new Map<string, ScoredCase>();
    m.set(x.c.group, x);
    byPrompt.set(promptOf(x.c), m);
  }
  const of = (tier: string, task?: string): number[] =>
    scored.filter((x) => x.c.group === tier && (!task || x.c.task === task)).map((x) => x.s.composite);
  const tasks = [...new Set(scored.map((x) => x.c.task))];
  const medianMediocre = median(of('mediocre'), 0);
  const medianMediocreByTask = Object.fromEntries(tasks.map((t) => [t, median(of('mediocre', t), 0)]));
  const honest: number[] = [];
  for (const m of byPrompt.values()) {
    const ex = m.get('excellent');
    const me = m.get('mediocre');
    if (ex && me) honest.push(ex.s.composite - me.s.composite);
  }
  const families: FamilyRow[] = [];
  for (const { set, cases } of gaming) {
    for (const family of [...new Set(cases.map((x) => x.c.variant))]) {
      const xs = cases.filter((x) => x.c.variant === family);
      const deltas = { mediocre: [] as number[], excellent: [] as number[] };
      for (const x of xs) {
        const m = byPrompt.get(promptOf(x.c));
        for (const tier of ['mediocre', 'excellent'] as const) {
          const base = m?.get(tier);
          if (base)
            deltas[tier].push(scoreCompletion(appendGaming(base.c.input, x.c.input), cfg).composite - base.s.composite);
        }
      }
      const v = xs.map((x) => x.s.composite);
      families.push({
        family,
        set,
        n: xs.length,
        mean: mean(v, 0),
        max: Math.max(...v),
        aboveMedianMediocre: v.filter((y) => y > medianMediocre).length,
        aboveMedianMediocreOfTask: xs.filter((x) => x.s.composite > (medianMediocreByTask[x.c.task] ?? 0)).length,
        onMediocre: editStats(deltas.mediocre),
        onExcellent: editStats(deltas.excellent),
      });
    }
  }
  // The shaping bound on the prompts with an outcome: the excellent forecast against itself biased upward by one σ of the 7-day change.
  const beta = cfg.weights.shaping;
  const gaps: number[] = [];
  for (const x of scored) {
    if (x.c.group !== 'excellent' || !x.s.components.outcome.applicable) continue;
    const sigma = outcomeScale(prepare(x.c.input, cfg)) / cfg.params.outcome.scaleSigmas;
    const biased = shiftForecast(x.c.input.answer, sigma);
    if (biased === null) continue;
    const b = scoreCompletion({ ...x.c.input, answer: biased }, cfg);
    gaps.push(x.s.components.outcome.score - b.components.outcome.score);
  }
  const meanGap = mean(gaps, 0);
  return {
    medianMediocre,
    medianMediocreByTask,
    tiers: ['excellent', 'mediocre', 'poor'].map((tier) => ({
      tier,
      mean: mean(of(tier), 0),
      median: median(of(tier), 0),
    })),
    honestImprovement: editStats(honest),
    families,
    bound: {
      shaping: beta,
      prompts: gaps.length,
      meanOutcomeGap: meanGap,
      weightedGap: (1 - beta) * meanGap,
      holds: beta < (1 - beta) * meanGap,
      promptsWhereItHolds: gaps.filter((g) => beta < (1 - beta) * g).length,
      bias: 'the excellent forecast shifted up by one σ of the 7-day change (point, low and high)',
    },
  };
}
