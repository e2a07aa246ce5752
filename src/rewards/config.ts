import { z } from 'zod';
import { WorkbenchError } from '../core/errors';
import { DERIVED_FIELDS, RAW_FIELDS } from '../chain';
import { metricDefinition } from '../chain';
import { REQUIRED_SECTIONS, SECTION_SYNONYMS } from '../contract';
import { DEFAULT_PARAMS } from './default-params';
import { Phrases, RewardParamsSchema } from './params-schema';
export { DEFAULT_PARAMS } from './default-params';
export { RewardParamsSchema, type RewardParams } from './params-schema';

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

const metricNames = [...RAW_FIELDS, ...DERIVED_FIELDS];

export const RewardConfigSchema = z
  .object({
    version: z.literal('rewards/3'),
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
  version: 'rewards/3',
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
