import type { Planted } from '../midgard';
import type { TradeEval } from './scan';

/** One trader's swaps summarised, and whether they look like an arbitrage bot. */
export interface TraderProfile {
  trader: string;
  swaps: number;
  sells: number;
  buys: number;
  pools: number;
  volumeUsd: number;
  /** Value received minus value sent at external prices, USD. */
  capturedUsd: number;
  /** Share of swaps that traded a gap of ≥ `minGapBps` down. */
  gapClosingShare: number;
  medianGapBps: number;
  bot: boolean;
}

export interface BotRules {
  minSwaps: number;
  minGapClosingShare: number;
  minGapBps: number;
}

/**
 * Rules, not a model: a bot trades often (≥ minSwaps), in both directions, nearly always against
 * a price gap (it sells what the pool overprices and buys what it underprices) and the gaps it
 * trades are real ones (median ≥ minGapBps). Retail flow is blind to the gap (about half its swaps
 * close one by chance).
 */
export const DEFAULT_BOT_RULES: BotRules = { minSwaps: 5, minGapClosingShare: 0.8, minGapBps: 10 };

export function profileTraders(trades: readonly TradeEval[], rules: BotRules = DEFAULT_BOT_RULES): TraderProfile[] {
  const by = new Map<string, TradeEval[]>();
  for (const t of trades) {
    const list = by.get(t.trader) ?? [];
    list.push(t);
    by.set(t.trader, list);
  }
  const out: TraderProfile[] = [];
  for (const [trader, ts] of by) {
    const sells = ts.filter((t) => t.inAsset === t.pool).length;
    const closing = ts.filter((t) => t.closesGap && Math.abs(t.gapBeforeBps) >= rules.minGapBps).length;
    const gaps = ts.map((t) => Math.abs(t.gapBeforeBps)).sort((a, b) => a - b);
    const p: TraderProfile = {
      trader,
      swaps: ts.length,
      sells,
      buys: ts.length - sells,
      pools: new Set(ts.map((t) => t.pool)).size,
      volumeUsd: ts.reduce((s, t) => s + t.sizeUsd, 0),
      capturedUsd: ts.reduce((s, t) => s + t.realisedUsd, 0),
      gapClosingShare: closing / ts.length,
      medianGapBps: gaps[Math.floor(gaps.length / 2)] ?? 0,
      bot: false,
    };
    p.bot =
      p.swaps >= rules.minSwaps &&
      p.sells > 0 &&
      p.buys > 0 &&
      p.gapClosingShare >= rules.minGapClosingShare &&
      p.medianGapBps >= rules.minGapBps;
    out.push(p);
  }
  return out.sort((a, b) => b.volumeUsd - a.volumeUsd);
}

export interface BotSummary {
  traders: number;
  bots: number;
  botVolumeShare: number;
  /** Bots' share of the positive value captured by all traders. */
  botCapturedShare: number;
  botCapturedUsd: number;
  /** Against the simulator's truth, when given: labelled bots that are its arbitrageurs, and arbitrageurs labelled. */
  truth?: { precision: number; recall: number; truthBots: number };
}

/** The native-side address of a planted trade (the key profiles use). */
function truthKey(p: Planted): string | undefined {
  if (p.kind === 'gap') return undefined;
  return p.inAsset === 'MAYA.CACAO' ? p.address : p.to;
}

export function summariseBots(profiles: readonly TraderProfile[], truth?: readonly Planted[]): BotSummary {
  const bots = profiles.filter((p) => p.bot);
  const vol = profiles.reduce((s, p) => s + p.volumeUsd, 0);
  const pos = profiles.reduce((s, p) => s + Math.max(0, p.capturedUsd), 0);
  const botPos = bots.reduce((s, p) => s + Math.max(0, p.capturedUsd), 0);
  const sum: BotSummary = {
    traders: profiles.length,
    bots: bots.length,
    botVolumeShare: vol > 0 ? bots.reduce((s, p) => s + p.volumeUsd, 0) / vol : 0,
    botCapturedShare: pos > 0 ? botPos / pos : 0,
    botCapturedUsd: bots.reduce((s, p) => s + p.capturedUsd, 0),
  };
  if (truth) {
    const real = new Set(truth.map(truthKey).filter((k): k is string => k !== undefined));
    const seen = new Set(profiles.map((p) => p.trader));
    const realSeen = [...real].filter((k) => seen.has(k));
    const hit = bots.filter((b) => real.has(b.trader)).length;
    sum.truth = {
      precision: bots.length ? hit / bots.length : 0,
      recall: realSeen.length ? realSeen.filter((k) => bots.some((b) => b.trader === k)).length / realSeen.length : 0,
      truthBots: realSeen.length,
    };
  }
  return sum;
}
