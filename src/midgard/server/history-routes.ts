import { HttpStatusError, type Req, type Reply } from '../../serve';
import { resolveBuckets, type Bucket } from './buckets';
import { emptyTotals, type SwapLedger, type SwapTotals } from './swap-ledger';

/** The simulated chain's first and latest second (the local "now"). */
export type ChainClock = () => { genesis: number; now: number };

function buckets(req: Req, clock: ChainClock): Bucket[] {
  if (req.query.get('pool'))
    throw new HttpStatusError(400, 'the local Midgard serves network-wide history only (no pool filter)');
  const c = clock();
  return resolveBuckets(req.query, c);
}

function merge(a: SwapTotals, b: SwapTotals): SwapTotals {
  const feesByPool = new Map(a.feesByPool);
  for (const [p, f] of b.feesByPool) feesByPool.set(p, (feesByPool.get(p) ?? 0n) + f);
  return {
    toAssetCount: a.toAssetCount + b.toAssetCount,
    toRuneCount: a.toRuneCount + b.toRuneCount,
    toAssetVolume: a.toAssetVolume + b.toAssetVolume,
    toRuneVolume: a.toRuneVolume + b.toRuneVolume,
    toAssetFees: a.toAssetFees + b.toAssetFees,
    toRuneFees: a.toRuneFees + b.toRuneFees,
    toAssetSlip: a.toAssetSlip + b.toAssetSlip,
    toRuneSlip: a.toRuneSlip + b.toRuneSlip,
    feesByPool,
  };
}

const avg = (sum: number, n: number): string => (n > 0 ? String(sum / n) : '0');

/** One SwapHistoryItem: counts, CACAO base-unit volumes and fees; no synths on the simulated chain. */
function swapItem(start: number, end: number, t: SwapTotals, usd: number): Record<string, string> {
  return {
    startTime: String(start),
    endTime: String(end),
    toAssetCount: String(t.toAssetCount),
    toRuneCount: String(t.toRuneCount),
    synthMintCount: '0',
    synthRedeemCount: '0',
    totalCount: String(t.toAssetCount + t.toRuneCount),
    toAssetVolume: t.toAssetVolume.toString(),
    toRuneVolume: t.toRuneVolume.toString(),
    synthMintVolume: '0',
    synthRedeemVolume: '0',
    totalVolume: (t.toAssetVolume + t.toRuneVolume).toString(),
    toAssetFees: t.toAssetFees.toString(),
    toRuneFees: t.toRuneFees.toString(),
    synthMintFees: '0',
    synthRedeemFees: '0',
    totalFees: (t.toAssetFees + t.toRuneFees).toString(),
    toAssetAverageSlip: avg(t.toAssetSlip, t.toAssetCount),
    toRuneAverageSlip: avg(t.toRuneSlip, t.toRuneCount),
    synthMintAverageSlip: '0',
    synthRedeemAverageSlip: '0',
    averageSlip: avg(t.toAssetSlip + t.toRuneSlip, t.toAssetCount + t.toRuneCount),
    // Maya's Midgard names the native price cacaoPriceUSD (THORChain's: runePriceUSD).
    cacaoPriceUSD: String(usd),
  };
}

/**
 * One EarningsHistoryItem. The simulated chain has no block rewards and no nodes, so its
 * earnings are its liquidity fees, all of them going to the pools. Per pool only the
 * CACAO-valued total is known (the asset/CACAO split of fees is not in the actions).
 */
function earningsItem(start: number, end: number, t: SwapTotals, usd: number) {
  const fees = (t.toAssetFees + t.toRuneFees).toString();
  const pools = [...t.feesByPool.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([pool, f]) => ({
      pool,
      totalLiquidityFeesRune: f.toString(),
      rewards: '0',
      earnings: f.toString(),
      saverEarning: '0',
    }));
  return {
    startTime: String(start),
    endTime: String(end),
    liquidityFees: fees,
    blockRewards: '0',
    earnings: fees,
    bondingEarnings: '0',
    liquidityEarnings: fees,
    avgNodeCount: '0',
    cacaoPriceUSD: String(usd),
    pools,
  };
}

/** The intervals with their totals, and the whole range's totals for `meta`. */
function collect(req: Req, ledger: SwapLedger, clock: ChainClock) {
  const bs = buckets(req, clock);
  const rows = bs.map(([s, e]) => ({ s, e, t: ledger.totals(s, e), usd: ledger.priceAt(e) }));
  const all = rows.reduce((acc, r) => merge(acc, r.t), emptyTotals());
  const first = bs[0]?.[0] ?? clock().now;
  const last = bs[bs.length - 1]?.[1] ?? first;
  return { rows, all, first, last, usd: ledger.priceAt(last) };
}

/** GET /v2/history/swaps?interval=&count=&from=&to= (Midgard's bucket semantics, see buckets.ts). */
export function swapsHistoryRoute(ledger: SwapLedger, clock: ChainClock) {
  return (req: Req): Reply => {
    const c = collect(req, ledger, clock);
    return {
      json: {
        intervals: c.rows.map((r) => swapItem(r.s, r.e, r.t, r.usd)),
        meta: swapItem(c.first, c.last, c.all, c.usd),
      },
    };
  };
}

/** GET /v2/history/earnings?interval=&count=&from=&to=. */
export function earningsHistoryRoute(ledger: SwapLedger, clock: ChainClock) {
  return (req: Req): Reply => {
    const c = collect(req, ledger, clock);
    return {
      json: {
        intervals: c.rows.map((r) => earningsItem(r.s, r.e, r.t, r.usd)),
        meta: earningsItem(c.first, c.last, c.all, c.usd),
      },
    };
  };
}
