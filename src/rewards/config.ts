import { z } from 'zod';
import { WorkbenchError } from '../core/errors';
import { DERIVED_FIELDS, RAW_FIELDS } from '../chain';
import { metricDefinition } from '../chain';
import { FLAT_BAND, REQUIRED_SECTIONS, SECTION_SYNONYMS } from '../contract';

/**
 * Everything the reward functions are parameterised by, as plain data: weights, penalty
 * strengths, tolerances, word lists, section contract and metric table. The Python twin is
 * generated with this very object embedded, so both implementations read the same numbers.
 */

export const QUALITY_COMPONENTS = [
  'outcome',
  'claims',
  'calculation',
  'citation',
  'interval',
  'structure',
  'insight',
] as const;
/** The text components: bounded shaping beside the outcome, weighted by `weights.components`. */
export const SHAPING_COMPONENTS = ['claims', 'calculation', 'citation', 'interval', 'structure', 'insight'] as const;
export type ShapingComponent = (typeof SHAPING_COMPONENTS)[number];
export const PENALTIES = ['falsehood', 'stuffing', 'repetition', 'length', 'completeness', 'injection'] as const;
export type QualityComponent = (typeof QUALITY_COMPONENTS)[number];
export type Penalty = (typeof PENALTIES)[number];

const Weight = z.number().finite().nonnegative();
const Unit = z.number().finite().min(0).max(1);
const Positive = z.number().finite().positive();

const weightsOf = <K extends string>(keys: readonly K[], value: z.ZodNumber) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, z.ZodNumber>).strict();

export const RewardWeightsSchema = z
  .object({
    /** β: the share of the reward the text components may move when an outcome is known (the bound of shaping). */
    shaping: z.number().finite().min(0).max(0.5),
    /** Weights of the text components within the shaping share (their weighted mean, applicable ones only). */
    components: weightsOf(SHAPING_COMPONENTS, Weight).refine(
      (w) => Object.values(w).some((x) => (x as number) > 0),
      'at least one component weight must be > 0',
    ),
    /** Strength λ of each penalty: the composite is multiplied by 1 − λ(1 − penalty score). */
    penalties: weightsOf(PENALTIES, Unit),
  })
  .strict();
export type RewardWeights = z.infer<typeof RewardWeightsSchema>;

export const DEFAULT_WEIGHTS: RewardWeights = {
  shaping: 0.1,
  // Shaping is the verifiable claims alone: interval, structure and insight are still computed
  // (a trainer can log them) but weigh 0, because text appended to an answer could raise them.
  components: { claims: 1, calculation: 0, citation: 0, interval: 0, structure: 0, insight: 0 },
  penalties: { falsehood: 1, stuffing: 1, repetition: 1, length: 0.5, completeness: 1, injection: 1 },
};

const Words = z.array(z.string().regex(/^[a-z0-9_]+$/, 'lower-case ASCII words')).min(1);
const Phrases = z.array(z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1)).min(1);

export const RewardParamsSchema = z
  .object({
    calculation: z
      .object({
        target: Positive,
        relTol: Unit,
        ungroundedWeight: Unit,
        constants: z.array(z.number().finite()).min(1),
        maxUnitWords: z.number().int().nonnegative(),
        /** Metrics that are 7-day rates, and day counts: such a rate raised to a day count is meaningless. */
        weeklyRates: z.array(z.string()),
        dayCounts: z.array(z.number().finite()),
      })
      .strict(),
    citation: z.object({ target: Positive, referenceCredit: Unit }).strict(),
    claims: z
      .object({ target: Positive, ungroundedWeight: Unit, falseCost: z.number().finite().nonnegative() })
      .strict(),
    outcome: z
      .object({
        flatBand: Unit,
        alpha: z.number().gt(0).lt(1),
        /** The scale of a metric's 7-day change: scaleSigmas × max(minSigma, daily log volatility × √7). */
        scaleSigmas: Positive,
        minSigma: Positive,
        defaultDailyVol: Positive,
        parts: z.object({ direction: Weight, interval: Weight }).strict(),
        targets: z.object({ tx: Weight, users: Weight }).strict(),
      })
      .strict(),
    interval: z
      .object({
        levelMin: z.number().gt(0).lt(100),
        levelMax: z.number().gt(0).lt(100),
        window: z.number().int().positive(),
        cues: Words,
        levelWords: Words,
      })
      .strict(),
    structure: z
      .object({ minSectionWords: z.number().int().nonnegative(), maxHeadingWords: z.number().int().positive() })
      .strict(),
    insight: z
      .object({
        top: z.number().int().positive(),
        minWords: z.number().int().positive(),
        maxCueShare: Unit,
        cues: Words,
        conditions: Words,
        risks: Words,
        subjects: Words,
        parts: z.object({ quantified: Weight, conditional: Weight, riskAware: Weight }).strict(),
      })
      .strict(),
    /** Each false claim divides the reward by 1 + cost. */
    falsehood: z.object({ cost: Weight }).strict(),
    stuffing: z
      .object({
        keywords: Words,
        densityStart: Unit,
        densityFull: Unit,
        saladMinWords: z.number().int().positive(),
        saladShare: Unit,
        saladFull: Unit,
      })
      .strict(),
    repetition: z
      .object({
        ngram: z.number().int().min(2),
        echoNgram: z.number().int().min(2),
        /** Repeated (or prompt-copied) n-grams, counted: no penalty up to start, full penalty from full. */
        start: z.number().int().nonnegative(),
        full: z.number().int().positive(),
      })
      .strict(),
    length: z
      .object({
        answerMin: z.number().int().nonnegative(),
        answerMax: z.number().int().positive(),
        totalMin: z.number().int().nonnegative(),
        totalMax: z.number().int().positive(),
      })
      .strict(),
    completeness: z.object({ cutLineWords: z.number().int().positive(), cutScore: Unit }).strict(),
    injection: z
      .object({
        ignoreVerbs: Words,
        ignoreTargets: Words,
        graderWords: Words,
        scoreWords: Words,
        awardVerbs: Words,
        superlatives: Words,
        selfRefs: Words,
        selfNouns: Words,
        selfClaims: Words,
        reachWindow: z.number().int().positive(),
        markers: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();
export type RewardParams = z.infer<typeof RewardParamsSchema>;

const metricNames = [...RAW_FIELDS, ...DERIVED_FIELDS];

export const RewardConfigSchema = z
  .object({
    version: z.literal('rewards/2'),
    weights: RewardWeightsSchema,
    params: RewardParamsSchema,
    /** Canonical metric names (ChainDay fields) and which are fractions (shown as percentages). */
    metrics: z.array(z.object({ name: z.string(), fraction: z.boolean() }).strict()).min(1),
    /** Other names a prompt may have used for a metric (the earlier prototype's), normalised. */
    aliases: z.record(z.string()),
    sections: z.record(z.array(z.string()).min(1)),
    synonyms: z.record(Phrases),
  })
  .strict();
export type RewardConfig = z.infer<typeof RewardConfigSchema>;

export const DEFAULT_PARAMS: RewardParams = {
  calculation: {
    target: 3,
    relTol: 0.01,
    ungroundedWeight: 0.5,
    constants: [1, 2, 4, 7, 12, 14, 24, 30, 52, 60, 90, 100, 365, 1000, 1e6, 1e9, 1e12, 1e18, 1e24],
    maxUnitWords: 2,
    weeklyRates: ['txGrowth7dFrac', 'userGrowth7dFrac', 'volumeGrowth7dFrac'],
    dayCounts: [7, 30, 31, 365],
  },
  citation: { target: 3, referenceCredit: 0.5 },
  claims: { target: 2, ungroundedWeight: 0.5, falseCost: 1 },
  outcome: {
    flatBand: FLAT_BAND,
    alpha: 0.1,
    scaleSigmas: 2,
    minSigma: 0.02,
    defaultDailyVol: 0.05,
    parts: { direction: 0.3, interval: 0.7 },
    targets: { tx: 0.6, users: 0.4 },
  },
  interval: {
    levelMin: 50,
    levelMax: 99.9,
    window: 8,
    cues: ['range', 'interval', 'ci', 'between'],
    levelWords: ['ci', 'confidence', 'credible', 'interval', 'prediction', 'pi', 'level'],
  },
  structure: { minSectionWords: 5, maxHeadingWords: 8 },
  insight: {
    top: 3,
    minWords: 8,
    maxCueShare: 0.6,
    cues: [
      'recommend',
      'recommended',
      'recommendation',
      'should',
      'consider',
      'monitor',
      'watch',
      'reduce',
      'increase',
      'allocate',
      'hedge',
      'avoid',
      'accumulate',
      'buy',
      'sell',
      'hold',
      'exit',
      'enter',
      'rebalance',
      'wait',
      'trim',
      'scale',
      'prefer',
      'favor',
      'favour',
      'track',
      'set',
    ],
    conditions: [
      'if',
      'unless',
      'when',
      'until',
      'within',
      'once',
      'before',
      'after',
      'below',
      'above',
      'exceeds',
      'exceed',
      'drops',
      'falls',
      'rises',
      'next',
      'over',
      'by',
    ],
    risks: [
      'risk',
      'risks',
      'downside',
      'loss',
      'losses',
      'invalidate',
      'invalidates',
      'invalidated',
      'stop',
      'drawdown',
      'hedge',
      'hedging',
      'exposure',
      'uncertain',
      'uncertainty',
      'worst',
      'fail',
      'fails',
      'wrong',
      'caution',
      'cautious',
      'limit',
      'reversal',
    ],
    subjects: [
      'transactions',
      'transaction',
      'tx',
      'txs',
      'users',
      'user',
      'senders',
      'sender',
      'fees',
      'fee',
      'volume',
      'activity',
      'growth',
      'volatility',
      'value',
      'gas',
      'calls',
      'addresses',
      'throughput',
      'success',
    ],
    parts: { quantified: 0.4, conditional: 0.3, riskAware: 0.3 },
  },
  falsehood: { cost: 0.25 },
  stuffing: {
    keywords: [
      'bullish',
      'bearish',
      'volatility',
      'volatile',
      'growth',
      'risk',
      'risks',
      'opportunity',
      'opportunities',
      'momentum',
      'liquidity',
      'confidence',
      'interval',
      'correlation',
      'trend',
      'trends',
      'regime',
      'recommend',
      'recommendation',
      'recommendations',
      'analysis',
      'metric',
      'metrics',
      'calculation',
      'calculations',
      'insight',
      'insights',
      'projection',
      'projections',
      'forecast',
      'roi',
      'sentiment',
      'adoption',
      'engagement',
      'throughput',
      'efficiency',
      'actionable',
      'quantified',
      'quantitative',
      'robust',
      'comprehensive',
      'strategic',
      'strategy',
      'alpha',
      'hedge',
      'diversify',
      'diversification',
      'allocation',
      'catalyst',
      'upside',
      'downside',
      'breakout',
      'accumulation',
      'distribution',
      'resistance',
      'support',
      'ci',
      'probability',
      'scenario',
      'scenarios',
    ],
    densityStart: 0.12,
    densityFull: 0.3,
    saladMinWords: 6,
    saladShare: 0.5,
    saladFull: 0.25,
  },
  repetition: { ngram: 6, echoNgram: 8, start: 50, full: 250 },
  // No lower bound (0): a short answer earns less through its claims already, and a lower bound
  // would pay padding text; only overlong answers are penalised.
  length: { answerMin: 0, answerMax: 2500, totalMin: 0, totalMax: 9000 },
  completeness: { cutLineWords: 8, cutScore: 0.5 },
  injection: {
    ignoreVerbs: ['ignore', 'disregard', 'forget', 'override', 'bypass', 'skip'],
    ignoreTargets: ['instructions', 'instruction', 'prompt', 'rules', 'rubric', 'guidelines', 'directives', 'criteria'],
    graderWords: [
      'grader',
      'graders',
      'grading',
      'evaluator',
      'evaluators',
      'judge',
      'judges',
      'scorer',
      'rater',
      'raters',
      'rubric',
      'assessor',
      'referee',
      'reviewer',
      'reviewers',
      'reviews',
      'examiner',
    ],
    scoreWords: [
      'score',
      'scores',
      'scored',
      'scoring',
      'reward',
      'rewards',
      'marks',
      'points',
      'grade',
      'rating',
      'rate',
    ],
    awardVerbs: ['give', 'assign', 'award', 'grant', 'deserves', 'deserve', 'output', 'return'],
    superlatives: ['full', 'perfect', 'maximum', 'max', 'highest', 'top', 'maximal'],
    selfRefs: ['this', 'my', 'our', 'the'],
    selfNouns: ['analysis', 'answer', 'response', 'report', 'submission'],
    selfClaims: [
      'meets',
      'meet',
      'satisfies',
      'satisfy',
      'fulfils',
      'fulfills',
      'fulfil',
      'complies',
      'flawless',
      'criteria',
      'criterion',
      'checklist',
      'rubric',
      'deserves',
    ],
    reachWindow: 8,
    markers: [
      '<|',
      '|>',
      '[inst]',
      '<<sys>>',
      '<!--',
      '[system]',
      '### instruction',
      'system:',
      '\u2713',
      '\u2714',
      '\u2611',
      '\u2705',
      '[x]',
      'self-assess',
      'self-evaluat',
      'self-scor',
      'quality check',
    ],
  },
};

export const DEFAULT_ALIASES: Record<string, string> = {
  // The earlier prototype's prompt names (see data/fixtures/cortex), normalised like every name.
  dailytxns: 'transactions',
  dailytransactions: 'transactions',
  numtxs: 'transactions',
  uniqueusers: 'activeSenders',
  uniquesenders: 'activeSenders',
  uniquereceivers: 'activeReceivers',
  totalvolume: 'transferredNative',
  avgtxvalue: 'valuePerTxNative',
  averagetransactionvalue: 'valuePerTxNative',
  txngrowth: 'txGrowth7dFrac',
  usergrowth: 'userGrowth7dFrac',
  volumegrowth: 'volumeGrowth7dFrac',
  smartcontractcalls: 'contractCalls',
  avggas: 'gasPerTx',
};

export const DEFAULT_CONFIG: RewardConfig = {
  version: 'rewards/2',
  weights: DEFAULT_WEIGHTS,
  params: DEFAULT_PARAMS,
  metrics: metricNames.map((name) => ({ name, fraction: metricDefinition(name).unit.startsWith('fraction') })),
  aliases: DEFAULT_ALIASES,
  sections: REQUIRED_SECTIONS,
  synonyms: SECTION_SYNONYMS,
};

/** The default config with other weights (validated; the CLI's --weights FILE). */
export function configWithWeights(weights: unknown, where = 'weights'): RewardConfig {
  const p = RewardWeightsSchema.safeParse(weights);
  if (!p.success) {
    const issues = p.error.issues.map((i) => `${i.path.join('.') || '(weights)'}: ${i.message}`).join('; ');
    throw new WorkbenchError(
      `${where} is not a valid reward weights object: ${issues}`,
      `give {"shaping": 0..0.5, "components": {${SHAPING_COMPONENTS.map((c) => `"${c}": number`).join(', ')}}, "penalties": {${PENALTIES.map((c) => `"${c}": 0..1`).join(', ')}}}`,
    );
  }
  return { ...DEFAULT_CONFIG, weights: p.data };
}
