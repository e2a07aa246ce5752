import type { MidgardAction } from '../midgard';
import type { ExternalPrices } from './external';
import { poolUsd, type PoolDepth } from './opportunity';
import { PoolReplay } from './replay';
import { NATIVE, decimalsOf, isStable, type Chain } from './units';

/** Per pool and UTC day. USD at external prices when given, else through the deepest stablecoin pool. */
export interface PoolDay {
  chain: Chain;
  pool: string;
  date: string;
  depthUsd: number;
  volumeUsd: number;
  swaps: number;
  liquidityFeeUsd: number;
  outboundFeeUsd: number;
  meanSlipBps: number;
  /** LP earnings: the liquidity fees (no block rewards modelled). */
  earningsUsd: number;
  /** (1 + earnings/depth)^365 − 1. */
  apy: number;
  /** Volume over depth. */
  utilisation: number;
  /** Symmetric LP vs holding over the day: 2√k/(1+k) − 1, k = end/start price. */
  impermanentLoss: number;
  /** Mean |pool price / external − 1| over the day's actions, bps; undefined without external prices. */
  priceDeviationBps: number | undefined;
}

export interface ChainDayTotal {
  chain: Chain;
  date: string;
  pools: number;
  tvlUsd: number;
  volumeUsd: number;
  swaps: number;
  feesUsd: number;
}

interface Acc {
  startPrice: number;
  endPrice: number;
  depthUsd: number;
  volumeUsd: number;
  swaps: number;
  fee: number;
  out: number;
  slip: number;
  dev: number;
  devN: number;
}

const dayOf = (dateNs: string) => new Date(Number(BigInt(dateNs) / 1_000_000n)).toISOString().slice(0, 10);

/** Native USD through the deepest stablecoin pool ($1 a stablecoin). */
function stableNativeUsd(pools: Iterable<PoolDepth>): number | undefined {
  let best: PoolDepth | undefined;
  for (const p of pools) if (isStable(p.asset) && (!best || p.nativeDepth > best.nativeDepth)) best = p;
  return best ? 1 / poolUsd(best, 1) : undefined;
}

/** Replays one chain's actions and aggregates per pool and day within [from, to] (YYYY-MM-DD, inclusive). */
export async function protocolMetrics(
  chain: Chain,
  anchor: readonly PoolDepth[],
  actions: AsyncIterable<MidgardAction> | Iterable<MidgardAction>,
  o: { external?: ExternalPrices; from?: string; to?: string } = {},
): Promise<{ pools: PoolDay[]; totals: ChainDayTotal[] }> {
  const replay = new PoolReplay(chain, anchor);
  const native = NATIVE[chain];
  const acc = new Map<string, Acc>();
  const rows: PoolDay[] = [];
  let day = '';
  const flush = () => {
    for (const [pool, a] of acc) {
      const k = a.startPrice > 0 ? a.endPrice / a.startPrice : 1;
      const earnings = a.fee;
      rows.push({
        chain,
        pool,
        date: day,
        depthUsd: a.depthUsd,
        volumeUsd: a.volumeUsd,
        swaps: a.swaps,
        liquidityFeeUsd: a.fee,
        outboundFeeUsd: a.out,
        meanSlipBps: a.swaps ? a.slip / a.swaps : 0,
        earningsUsd: earnings,
        apy: a.depthUsd > 0 ? (1 + earnings / a.depthUsd) ** 365 - 1 : 0,
        utilisation: a.depthUsd > 0 ? a.volumeUsd / a.depthUsd : 0,
        impermanentLoss: (2 * Math.sqrt(k)) / (1 + k) - 1,
        priceDeviationBps: a.devN ? a.dev / a.devN : undefined,
      });
    }
    acc.clear();
  };
  for await (const a of actions) {
    const d = dayOf(a.date);
    if (o.to && d > o.to) break;
    replay.startBlock(Number(a.height));
    if (d !== day) {
      if (day && (!o.from || day >= o.from)) flush();
      acc.clear();
      day = d;
    }
    o.external?.at(Number(a.height), BigInt(a.date));
    const nUsd = o.external?.usd(chain, native) ?? stableNativeUsd(replay.pools.values()) ?? 0;
    const usdOf = (asset: string, amount: string) => {
      const p =
        asset === native
          ? nUsd
          : (o.external?.usd(chain, asset) ?? (replay.get(asset) ? poolUsd(replay.get(asset) as PoolDepth, nUsd) : 0));
      return Number(amount) * p * 10 ** -decimalsOf(chain, asset);
    };
    const touched = new Set(a.pools);
    for (const name of touched) {
      const p = replay.get(name);
      if (!p) continue;
      const price = poolUsd(p, nUsd);
      const s = acc.get(name) ?? {
        startPrice: price,
        endPrice: price,
        depthUsd: 0,
        volumeUsd: 0,
        swaps: 0,
        fee: 0,
        out: 0,
        slip: 0,
        dev: 0,
        devN: 0,
      };
      acc.set(name, s);
      const m = a.metadata.swap;
      if (a.type === 'swap' && a.status === 'success' && m) {
        const c = a.in[0]?.coins[0];
        s.volumeUsd += c ? usdOf(c.asset, c.amount) : 0;
        s.swaps++;
        s.fee += usdOf(native, m.liquidityFee) / a.pools.length;
        s.slip += Number(m.swapSlip);
        for (const f of m.networkFees)
          if (f.asset === name || a.pools.length === 1)
            s.out += usdOf(f.asset, f.amount) / (a.pools.length === 1 ? 1 : 2);
      }
    }
    replay.apply(a);
    for (const name of touched) {
      const p = replay.get(name);
      const s = acc.get(name);
      if (!p || !s) continue;
      s.endPrice = poolUsd(p, nUsd);
      s.depthUsd = usdOf(name, p.assetDepth.toString()) + usdOf(native, p.nativeDepth.toString());
      const ext = o.external?.usd(chain, name);
      if (ext) {
        s.dev += Math.abs(s.endPrice / ext - 1) * 10000;
        s.devN++;
      }
    }
  }
  if (day && (!o.from || day >= o.from)) flush();
  const totals = new Map<string, ChainDayTotal>();
  for (const r of rows) {
    const t = totals.get(r.date) ?? { chain, date: r.date, pools: 0, tvlUsd: 0, volumeUsd: 0, swaps: 0, feesUsd: 0 };
    t.pools++;
    t.tvlUsd += r.depthUsd;
    t.volumeUsd += r.volumeUsd;
    t.swaps += r.swaps;
    t.feesUsd += r.liquidityFeeUsd + r.outboundFeeUsd;
    totals.set(r.date, t);
  }
  return { pools: rows, totals: [...totals.values()] };
}
