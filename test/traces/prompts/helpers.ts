import { ChainDaySchema, type ChainDay } from '../../../src/chain/metrics/row';
import { renderPrompt, type RenderRequest } from '../../../src/traces/prompts';
import { makeTraceRecord, type GenerationResult, type TraceRecord } from '../../../src/traces/record';

/** A hand-made, valid ChainDay of an EVM chain; override what a test is about. */
export function row(date: string, over: Partial<ChainDay> = {}): ChainDay {
  return ChainDaySchema.parse({
    chain: 'ethereum',
    date,
    source: 'sim',
    missing: false,
    nativeUnit: 'ETH',
    transactions: 1000,
    activeSenders: 100,
    activeReceivers: 150,
    successRate: 0.985,
    feesNative: 10,
    transferredNative: 5000,
    gasUsed: 2_000_000,
    contractCalls: 600,
    txGrowth7dFrac: 0.1,
    userGrowth7dFrac: -0.05,
    volumeGrowth7dFrac: 0.2,
    txVolatility7dLog: 0.05,
    volumeVolatility7dLog: 0.1,
    feesPerTxNative: 0.01,
    valuePerTxNative: 5,
    txPerSender: 10,
    gasPerTx: 2000,
    contractCallFrac: 0.6,
    regime: null,
    regimeReason: 'insufficient history',
    ...over,
  });
}

/** A valid block answer (tx +5% in [−2%, +12%], users −1% in [−6%, +4%]). */
export const GOOD_ANSWER = [
  'Activity should keep rising.',
  '```json',
  '{"direction_tx": "up", "tx_growth_7d": {"point": 0.05, "low": -0.02, "high": 0.12}, "direction_users": "flat", "user_growth_7d": {"point": -0.01, "low": -0.06, "high": 0.04}}',
  '```',
].join('\n');

export function generation(over: Partial<GenerationResult> = {}): GenerationResult {
  return {
    reasoning: 'Transactions grew 10% week on week while senders fell 5%.',
    answer: 'The network is growing.',
    finishReason: 'stop',
    truncated: false,
    usage: { promptTokens: 900, completionTokens: 400, reasoningTokens: 300, costUsd: 0.002 },
    generationId: 'gen-1',
    provider: 'local',
    latencyMs: 1200,
    firstTokenMs: 150,
    ...over,
  };
}

/** A TraceRecord through the real render → record path. */
export function trace(
  req: RenderRequest,
  gen: Partial<GenerationResult> = {},
  meta: { model?: string; createdAt?: string; sample?: number } = {},
): TraceRecord {
  const p = renderPrompt(req);
  return makeTraceRecord(p, generation(gen), {
    model: meta.model ?? 'deepseek/deepseek-r1',
    endpoint: 'http://127.0.0.1:8099/v1',
    createdAt: meta.createdAt ?? '2025-01-01T00:00:00.000Z',
    sample: meta.sample,
  });
}
