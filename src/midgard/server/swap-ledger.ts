import type { MidgardAction } from '../schema';
import { NATIVE_ASSET } from '../sim';

/**
 * The served feed's swaps, one compact record per successful swap action, for the history
 * endpoints. Counts and fees come from the action; the CACAO volume from the simulator, which
 * knows what each leg moved (the action does not show the CACAO between a double swap's pools).
 *
 * How the stand-in maps an action onto Midgard's swap-event fields (Midgard itself sums events
 * per pool and per block; the stand-in works per action and buckets by the action's date):
 * - legs: CACAO in → one toAsset leg; CACAO out → one toRune leg; asset → asset → both;
 *   each leg counts once per executed streaming sub-swap (`streamingSwapMeta.count`);
 * - fees: the action's `liquidityFee` (CACAO base units, all legs), booked on its toRune leg
 *   when it has one (the action gives no per-leg split);
 * - volume: the simulator's CACAO per action; a double swap's is split evenly between its legs;
 * - slip: every counted event carries the action's `swapSlip` (bps).
 */
export interface SwapTotals {
  toAssetCount: number;
  toRuneCount: number;
  toAssetVolume: bigint;
  toRuneVolume: bigint;
  toAssetFees: bigint;
  toRuneFees: bigint;
  toAssetSlip: number;
  toRuneSlip: number;
  /** Liquidity fees (CACAO base units) by the action's first pool. */
  feesByPool: Map<string, bigint>;
}

export function emptyTotals(): SwapTotals {
  return {
    toAssetCount: 0,
    toRuneCount: 0,
    toAssetVolume: 0n,
    toRuneVolume: 0n,
    toAssetFees: 0n,
    toRuneFees: 0n,
    toAssetSlip: 0,
    toRuneSlip: 0,
    feesByPool: new Map(),
  };
}

interface SwapRecord {
  toAsset: number;
  toRune: number;
  toAssetVolume: bigint;
  toRuneVolume: bigint;
  fee: bigint;
  slip: number;
  pool: string;
}

export class SwapLedger {
  /** Seconds of each record, ascending (actions arrive in chain order). */
  private readonly secs: number[] = [];
  private readonly records: SwapRecord[] = [];
  /** (seconds, CACAO price in USD) samples, ascending. */
  private readonly priceSecs: number[] = [];
  private readonly prices: number[] = [];

  get size(): number {
    return this.records.length;
  }

  /** Books a served action; anything but a successful swap is ignored. */
  add(a: MidgardAction, volumeCacao: bigint | undefined): void {
    const s = a.metadata.swap;
    if (a.type !== 'swap' || a.status !== 'success' || !s) return;
    const inAsset = a.in[0]?.coins[0]?.asset;
    const double = a.pools.length === 2;
    const toRuneLeg = double || (inAsset !== undefined && inAsset !== NATIVE_ASSET);
    const toAssetLeg = double || inAsset === NATIVE_ASSET;
    const events = s.streamingSwapMeta ? Math.max(1, Number(s.streamingSwapMeta.count)) : 1;
    const v = volumeCacao ?? 0n;
    const toAssetVolume = toAssetLeg ? (toRuneLeg ? v / 2n : v) : 0n;
    this.secs.push(Number(BigInt(a.date) / 1_000_000_000n));
    this.records.push({
      toAsset: toAssetLeg ? events : 0,
      toRune: toRuneLeg ? events : 0,
      toAssetVolume,
      toRuneVolume: v - toAssetVolume,
      fee: BigInt(s.liquidityFee),
      slip: Number(s.swapSlip),
      pool: a.pools[0] ?? NATIVE_ASSET,
    });
  }

  /** Records the CACAO price at `sec` (the value an interval ending after it reports). */
  notePrice(sec: number, usd: number): void {
    this.priceSecs.push(sec);
    this.prices.push(usd);
  }

  /** The last price sampled before `end` (the first sample when none is). */
  priceAt(end: number): number {
    const i = lowerBound(this.priceSecs, end) - 1;
    return this.prices[Math.max(0, i)] ?? 0;
  }

  /** Totals of the swaps dated in [start, end). */
  totals(start: number, end: number): SwapTotals {
    const t = emptyTotals();
    for (let i = lowerBound(this.secs, start); i < this.secs.length && (this.secs[i] as number) < end; i++) {
      const r = this.records[i] as SwapRecord;
      t.toAssetCount += r.toAsset;
      t.toRuneCount += r.toRune;
      t.toAssetVolume += r.toAssetVolume;
      t.toRuneVolume += r.toRuneVolume;
      if (r.toRune > 0) t.toRuneFees += r.fee;
      else t.toAssetFees += r.fee;
      t.toAssetSlip += r.slip * r.toAsset;
      t.toRuneSlip += r.slip * r.toRune;
      t.feesByPool.set(r.pool, (t.feesByPool.get(r.pool) ?? 0n) + r.fee);
    }
    return t;
  }
}

/** First index whose value is ≥ x (values ascending). */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
