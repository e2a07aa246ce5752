import type { MidgardAction, MidgardPool } from '../../midgard';
import type { ExternalPrices } from '../external';
import type { FeeBook } from '../fees';
import { externalOpportunity, poolUsd, type PoolDepth } from '../opportunity';
import { NATIVE, type Chain } from '../units';
import type { FeedHealth } from './follower';

/** What the page shows of an action: chain-supplied strings are passed as data and rendered as text. */
export interface ActionRowView {
  seq: number;
  height: string;
  type: string;
  status: string;
  pools: string[];
  from: string;
  inCoins: string;
  outCoins: string;
  memo: string;
  fetchedAtMs: number;
}

export interface PriceRowView {
  pool: string;
  poolUsd: number;
  externalUsd: number | null;
  gapBps: number | null;
}

export interface OpportunityView {
  pool: string;
  direction: string;
  gapBps: number;
  sizeUsd: number;
  profitUsd: number;
  moveBps: number;
}

export interface PredictionView {
  height: string;
  actual: string;
  predicted: string;
  correct: boolean;
  scored: number;
  typeAccuracy: number;
}

export interface Snapshot {
  actions: ActionRowView[];
  prices: PriceRowView[];
  gapSeries: { height: number; gaps: Record<string, number> }[];
  opportunities: OpportunityView[];
  predictions: PredictionView[];
  health: FeedHealth | null;
  model: boolean;
}

const coins = (txs: MidgardAction['in']) => txs.flatMap((t) => t.coins.map((c) => `${c.amount} ${c.asset}`)).join(', ');

function memoOf(a: MidgardAction): string {
  const m = a.metadata as Record<string, { memo?: string } | undefined>;
  for (const k of Object.keys(m)) if (typeof m[k]?.memo === 'string') return m[k]?.memo ?? '';
  return '';
}

/**
 * The dashboard's own buffer (what a reloaded page backfills from): the newest actions, pool
 * prices against the external price, open opportunities, predictions and the feed's health.
 */
export class DashboardState {
  private seq = 0;
  readonly actions: ActionRowView[] = [];
  prices: PriceRowView[] = [];
  readonly gapSeries: Snapshot['gapSeries'] = [];
  opportunities: OpportunityView[] = [];
  readonly predictions: PredictionView[] = [];
  health: FeedHealth | null = null;

  constructor(
    private readonly o: {
      chain: Chain;
      keep: number;
      external?: ExternalPrices;
      fees: FeeBook;
      minProfitUsd: number;
      model: boolean;
    },
  ) {}

  addActions(list: MidgardAction[], fetchedAtMs: number): ActionRowView[] {
    const rows = list.map((a) => {
      this.o.fees.observe(this.o.chain, a);
      return {
        seq: ++this.seq,
        height: a.height,
        type: a.type,
        status: a.status,
        pools: a.pools,
        from: a.in[0]?.address ?? '',
        inCoins: coins(a.in),
        outCoins: coins(a.out),
        memo: memoOf(a),
        fetchedAtMs,
      };
    });
    this.actions.push(...rows);
    if (this.actions.length > this.o.keep) this.actions.splice(0, this.actions.length - this.o.keep);
    return rows;
  }

  /** Prices and opportunities from /v2/pools depths at the feed's head height. */
  setPools(pools: MidgardPool[], height: number): void {
    const chain = this.o.chain;
    const ext = this.o.external;
    ext?.at(height, 0n);
    const nUsd = ext?.usd(chain, NATIVE[chain]);
    const depths: PoolDepth[] = pools
      .filter((p) => p.status === 'available' && /^\d+$/.test(p.assetDepth) && /^\d+$/.test(p.runeDepth))
      .map((p) => ({ chain, asset: p.asset, assetDepth: BigInt(p.assetDepth), nativeDepth: BigInt(p.runeDepth) }));
    const midgardNativeUsd = (() => {
      const p = pools[0];
      return p && Number(p.assetPrice) > 0 ? Number(p.assetPriceUSD) / Number(p.assetPrice) : 0;
    })();
    this.prices = depths.map((p) => {
      const e = ext?.usd(chain, p.asset);
      const pu = poolUsd(p, nUsd ?? midgardNativeUsd);
      return { pool: p.asset, poolUsd: pu, externalUsd: e ?? null, gapBps: e ? (pu / e - 1) * 10000 : null };
    });
    const gaps: Record<string, number> = {};
    for (const r of this.prices) if (r.gapBps !== null) gaps[r.pool] = r.gapBps;
    this.gapSeries.push({ height, gaps });
    if (this.gapSeries.length > 300) this.gapSeries.shift();
    const px = { usd: (c: Chain, a: string) => ext?.usd(c, a), fees: this.o.fees };
    this.opportunities = depths.flatMap((p) => {
      const o = ext ? externalOpportunity(p, px, height, 'start', this.o.minProfitUsd) : undefined;
      if (!o || o.profitUsd < this.o.minProfitUsd) return [];
      return [
        {
          pool: p.asset,
          direction: o.inAsset === p.asset ? 'sell asset' : 'buy asset',
          gapBps: o.gapBps,
          sizeUsd: o.sizeUsd,
          profitUsd: o.profitUsd,
          moveBps: o.moveBps,
        },
      ];
    });
  }

  addPrediction(p: PredictionView): void {
    this.predictions.push(p);
    if (this.predictions.length > 100) this.predictions.shift();
  }

  snapshot(): Snapshot {
    return {
      actions: this.actions,
      prices: this.prices,
      gapSeries: this.gapSeries,
      opportunities: this.opportunities,
      predictions: this.predictions,
      health: this.health,
      model: this.o.model,
    };
  }
}
