import type { MidgardAction, Transaction } from '../midgard';
import { WorkbenchError } from '../core';
import { orderBars, type Bar, type PriceSeries } from './prices';

export interface PoolPriceOptions {
  /** Pool name as Midgard writes it, e.g. BTC.BTC. Its synth (BTC/BTC) and trade (BTC~BTC) forms count too. */
  pool: string;
  /** THOR.RUNE (1e8 base units) or MAYA.CACAO (1e10). */
  native: 'THOR.RUNE' | 'MAYA.CACAO';
  interval: 'hour' | 'day';
}

/** Midgard reports every non-native amount in 1e8 base units; the native asset has its own. */
const NATIVE_DECIMALS = { 'THOR.RUNE': 8, 'MAYA.CACAO': 10 } as const;

function sumOf(txs: readonly Transaction[], match: (asset: string) => boolean): number {
  let s = 0n;
  for (const t of txs) for (const c of t.coins) if (match(c.asset)) s += BigInt(c.amount);
  return Number(s);
}

/**
 * Midgard can split one inbound transaction into several swap actions (e.g. the affiliate share
 * swapped apart) that each list the same combined outputs. Swaps are therefore grouped by inbound
 * txID: inputs add up across the group, identical outputs count once.
 */
function groupSwaps(swaps: readonly MidgardAction[]): { ns: bigint; ins: Transaction[]; outs: Transaction[] }[] {
  const groups = new Map<string, { ns: bigint; ins: Transaction[]; outs: Map<string, Transaction> }>();
  for (const a of swaps) {
    const key = a.in[0]?.txID || `${a.date}/${a.height}/${JSON.stringify(a.in)}`;
    const g = groups.get(key) ?? { ns: BigInt(a.date), ins: [] as Transaction[], outs: new Map<string, Transaction>() };
    g.ns = BigInt(a.date) < g.ns ? BigInt(a.date) : g.ns;
    g.ins.push(...a.in);
    for (const o of a.out) g.outs.set(JSON.stringify(o), o);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ns: g.ns, ins: g.ins, outs: [...g.outs.values()] }));
}

/**
 * OHLC bars of a pool's price in native units per asset, from the execution prices of successful
 * single-pool swaps between the asset and the native asset (after fees and slip: what traders
 * got, not the pool's mid price). Volume is the native amount swapped. Intervals without a swap
 * are gaps, reported and never filled.
 */
export async function poolPriceBars(
  actions: AsyncIterable<MidgardAction> | Iterable<MidgardAction>,
  o: PoolPriceOptions,
): Promise<PriceSeries> {
  const forms = new Set([o.pool, o.pool.replace('.', '/'), o.pool.replace('.', '~')]);
  const isAsset = (a: string) => forms.has(a);
  const isNative = (a: string) => a === o.native;
  const scaleNative = 10 ** NATIVE_DECIMALS[o.native];
  const swaps: MidgardAction[] = [];
  for await (const a of actions) {
    if (a.type === 'swap' && a.status === 'success' && a.pools.length === 1 && a.pools[0] === o.pool) swaps.push(a);
  }
  const trades: { ns: bigint; price: number; volume: number }[] = [];
  for (const g of groupSwaps(swaps)) {
    const assetIn = sumOf(g.ins, isAsset);
    const nativeOut = sumOf(g.outs, isNative);
    const nativeIn = sumOf(g.ins, isNative);
    const assetOut = sumOf(g.outs, isAsset);
    let native = 0;
    let asset = 0;
    if (assetIn > 0 && nativeOut > 0) [native, asset] = [nativeOut, assetIn];
    else if (nativeIn > 0 && assetOut > 0) [native, asset] = [nativeIn, assetOut];
    else continue;
    const nativeUnits = native / scaleNative;
    trades.push({ ns: g.ns, price: nativeUnits / (asset / 1e8), volume: nativeUnits });
  }
  if (!trades.length)
    throw new WorkbenchError(
      `no successful ${o.pool} ⇄ ${o.native} swaps in the store`,
      'sync more actions (workbench midgard sync) or pick a pool that trades',
    );
  trades.sort((x, y) => (x.ns < y.ns ? -1 : x.ns > y.ns ? 1 : 0));
  const buckets = new Map<string, Bar>();
  for (const t of trades) {
    const iso = new Date(Number(t.ns / 1_000_000n)).toISOString();
    const key = o.interval === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00`;
    const b = buckets.get(key);
    if (!b)
      buckets.set(key, { date: key, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.volume });
    else {
      b.high = Math.max(b.high, t.price);
      b.low = Math.min(b.low, t.price);
      b.close = t.price;
      b.volume = (b.volume ?? 0) + t.volume;
    }
  }
  return orderBars([...buckets.values()], o.pool, `midgard store: ${o.pool} in ${o.native}`);
}
