import { goldenMax, legFee, legOutput, optimalInput, streamingOutput, type Leg } from './clp';
import type { FeeBook } from './fees';
import { NATIVE, decimalsOf, isStable, tickerOf, type Chain } from './units';

/** One pool's depths at some point, base units of its chain. */
export interface PoolDepth {
  chain: Chain;
  asset: string;
  assetDepth: bigint;
  nativeDepth: bigint;
}

export type OpportunityKind = 'external' | 'cross' | 'triangle';

/** The best trade against one gap, with what it earns and costs (USD) and how far it moves the pools. */
export interface Opportunity {
  kind: OpportunityKind;
  height: number;
  /** `start`: state at the start of the block; `intra`: right after an action inside the block. */
  phase: 'start' | 'intra';
  chain: Chain;
  /** The pools traded, in order (chain|asset). */
  pools: string[];
  /** Price gap: second price / first price − 1 (external: pool vs external), bps. */
  gapBps: number;
  inAsset: string;
  inAmount: bigint;
  outAsset: string;
  /** Received after the outbound fee, base units. */
  outAmount: bigint;
  sizeUsd: number;
  profitUsd: number;
  /** Profit over the input's value, bps. */
  profitBps: number;
  liquidityFeeUsd: number;
  outboundFeeUsd: number;
  inboundFeeUsd: number;
  /** How far the trade moves the (first) pool's price, bps. */
  moveBps: number;
  /** Streaming alternative, when asked: best input in `quantity` sub-swaps with the pool recovering between them. */
  streaming?: { quantity: number; inAmount: bigint; profitUsd: number };
}

export interface Pricing {
  /** USD per whole unit (external); undefined when unknown. */
  usd(chain: Chain, asset: string): number | undefined;
  fees: FeeBook;
  streaming?: { quantity: number; recovery: number };
}

/** clp.legOutputF, local: the two-leg search calls it ~100 times per pair and block, and a call across modules costs a getter under tsx. */
function legF(x: number, X: number, Y: number, f: number): number {
  if (x <= 0) return 0;
  const d = x + X;
  return ((x * Y) / d) * (1 - Math.max(x / d, f));
}

const perUnit = (chain: Chain, asset: string, usdWhole: number) => usdWhole * 10 ** -decimalsOf(chain, asset);

/** Pool price of the asset in USD per whole unit, through the chain's native price. */
export function poolUsd(p: PoolDepth, nativeUsd: number): number {
  if (p.assetDepth === 0n) return 0;
  const ratio = Number(p.nativeDepth) / Number(p.assetDepth);
  return ratio * 10 ** (decimalsOf(p.chain, p.asset) - decimalsOf(p.chain, NATIVE[p.chain])) * nativeUsd;
}

/** (a) A pool against the external price: sell the asset where the pool overprices it, else buy it. */
export function externalOpportunity(
  p: PoolDepth,
  px: Pricing,
  height: number,
  phase: 'start' | 'intra',
  minProfitUsd = -Infinity,
): Opportunity | undefined {
  const native = NATIVE[p.chain];
  const aUsd = px.usd(p.chain, p.asset);
  const nUsd = px.usd(p.chain, native);
  if (!aUsd || !nUsd || p.assetDepth <= 0n || p.nativeDepth <= 0n) return undefined;
  const gap = poolUsd(p, nUsd) / aUsd - 1;
  const sell = gap > 0;
  const [inAsset, outAsset] = sell ? [p.asset, native] : [native, p.asset];
  const leg: Leg = sell
    ? { X: p.assetDepth, Y: p.nativeDepth, minSlipBps: px.fees.minSlipBps(p.chain) }
    : { X: p.nativeDepth, Y: p.assetDepth, minSlipBps: px.fees.minSlipBps(p.chain) };
  const pIn = perUnit(p.chain, inAsset, sell ? aUsd : nUsd);
  const pOut = perUnit(p.chain, outAsset, sell ? nUsd : aUsd);
  // Cheap bound first (most pool-blocks have no edge): without any fee the best profit is
  // pIn·X·(√r − 1)², r = 1 + |gap| on the side sold; fees only lower it.
  const r = sell ? 1 + gap : 1 / (1 + gap);
  if (pIn * Number(leg.X) * (Math.sqrt(r) - 1) ** 2 < minProfitUsd) return undefined;
  const x = optimalInput(leg, pIn, pOut);
  const o = priceSingle(p, px, { inAsset, outAsset, leg, pIn, pOut, x });
  const opp: Opportunity = {
    kind: 'external',
    height,
    phase,
    chain: p.chain,
    pools: [`${p.chain}|${p.asset}`],
    gapBps: gap * 10000,
    inAsset,
    outAsset,
    ...o,
  };
  if (px.streaming && x > 0n)
    opp.streaming = streamingBest(leg, pIn, pOut, px.streaming, o.outboundFeeUsd + o.inboundFeeUsd);
  return opp;
}

interface SingleTrade {
  inAsset: string;
  outAsset: string;
  leg: Leg;
  pIn: number;
  pOut: number;
  x: bigint;
}

/** Profit and costs of one leg's trade of input `x` (exact output, USD at external prices). */
export function priceSingle(p: PoolDepth, px: Pricing, t: SingleTrade) {
  const y = legOutput(t.x, t.leg);
  const outFee = px.fees.outbound(p.chain, t.outAsset, t.pOut);
  const inFee = px.fees.inbound(p.chain, t.inAsset, t.pIn);
  const got = y > outFee ? y - outFee : 0n;
  const sizeUsd = Number(t.x) * t.pIn;
  const inboundFeeUsd = Number(inFee) * t.pIn;
  const profitUsd = Number(got) * t.pOut - sizeUsd - inboundFeeUsd;
  const X2 = t.leg.X + t.x;
  const Y2 = t.leg.Y - y;
  const moveBps = t.x > 0n ? (Number(t.leg.Y) / Number(t.leg.X) / (Number(Y2) / Number(X2)) - 1) * 10000 : 0;
  return {
    inAmount: t.x,
    outAmount: got,
    sizeUsd,
    profitUsd,
    profitBps: sizeUsd > 0 ? (profitUsd / sizeUsd) * 10000 : 0,
    liquidityFeeUsd: Number(legFee(t.x, t.leg)) * t.pOut,
    outboundFeeUsd: Number(y > outFee ? outFee : y) * t.pOut, // the fee, or all of a payout too small to cover it
    inboundFeeUsd,
    moveBps,
  };
}

function streamingBest(
  leg: Leg,
  pIn: number,
  pOut: number,
  s: { quantity: number; recovery: number },
  fixedUsd: number,
) {
  const f = (x: number) => Number(streamingOutput(BigInt(Math.floor(x)), leg, s.quantity, s.recovery)) * pOut - x * pIn;
  const x = BigInt(Math.floor(goldenMax(f, Number(leg.X) * 2, 60)));
  return { quantity: s.quantity, inAmount: x, profitUsd: f(Number(x)) - fixedUsd };
}

/**
 * Two legs in a row: native/asset of pool `a`, then the other side into pool `b`. Used for
 * (b) the same asset on two chains (buy where cheap with that chain's native, sell for the other
 * native) and (c) two equivalent assets on one chain through the native asset. The composite of
 * two concave increasing legs is concave, so a golden-section search finds the best input; the
 * final amounts are exact.
 */
export function twoLeg(
  kind: 'cross' | 'triangle',
  a: PoolDepth,
  b: PoolDepth,
  px: Pricing,
  height: number,
  phase: 'start' | 'intra',
  minProfitUsd = -Infinity,
): Opportunity | undefined {
  const best = [
    twoLegDir(kind, a, b, px, height, phase, minProfitUsd),
    twoLegDir(kind, b, a, px, height, phase, minProfitUsd),
  ].filter((o): o is Opportunity => o !== undefined);
  best.sort((x, y) => y.profitUsd - x.profitUsd);
  return best[0];
}

function twoLegDir(
  kind: 'cross' | 'triangle',
  a: PoolDepth,
  b: PoolDepth,
  px: Pricing,
  height: number,
  phase: 'start' | 'intra',
  minProfitUsd: number,
): Opportunity | undefined {
  const unitUsd = kind === 'cross' ? (px.usd(a.chain, a.asset) ?? px.usd(b.chain, b.asset)) : commonUsd(a, b, px);
  const naUsd = px.usd(a.chain, NATIVE[a.chain]);
  const nbUsd = px.usd(b.chain, NATIVE[b.chain]);
  if (!unitUsd || !naUsd || !nbUsd) return undefined;
  // cross: native_a → asset (pool a), asset → native_b (pool b). triangle: asset_a → native → asset_b.
  const l1: Leg =
    kind === 'cross'
      ? { X: a.nativeDepth, Y: a.assetDepth, minSlipBps: px.fees.minSlipBps(a.chain) }
      : { X: a.assetDepth, Y: a.nativeDepth, minSlipBps: px.fees.minSlipBps(a.chain) };
  const l2: Leg =
    kind === 'cross'
      ? { X: b.assetDepth, Y: b.nativeDepth, minSlipBps: px.fees.minSlipBps(b.chain) }
      : { X: b.nativeDepth, Y: b.assetDepth, minSlipBps: px.fees.minSlipBps(b.chain) };
  const inAsset = kind === 'cross' ? NATIVE[a.chain] : a.asset;
  const midAsset = kind === 'cross' ? a.asset : NATIVE[a.chain];
  const outAsset = kind === 'cross' ? NATIVE[b.chain] : b.asset;
  const pIn = perUnit(a.chain, inAsset, kind === 'cross' ? naUsd : unitUsd);
  const pMid = perUnit(a.chain, midAsset, kind === 'cross' ? unitUsd : naUsd);
  const pOut = perUnit(b.chain, outAsset, kind === 'cross' ? nbUsd : unitUsd);
  // Cross-chain, the asset is paid out of chain a (outbound fee) and sent into chain b (network fee).
  const midFee =
    kind === 'cross' ? px.fees.outbound(a.chain, midAsset, pMid) + px.fees.inbound(b.chain, a.asset, pMid) : 0n;
  const outFee = px.fees.outbound(b.chain, outAsset, pOut);
  const inFee = px.fees.inbound(a.chain, inAsset, pIn);
  // Bound: two constant-product legs compose into one with depths X1·X2/(Y1+X2), Y1·Y2/(Y1+X2);
  // its fee-free best profit pIn·Xe·(√r − 1)² caps this trade's.
  const [X1, Y1, X2, Y2] = [Number(l1.X), Number(l1.Y), Number(l2.X), Number(l2.Y)];
  const Xe = (X1 * X2) / (Y1 + X2);
  const re = (pOut * ((Y1 * Y2) / (Y1 + X2))) / (pIn * Xe);
  if (re <= 1 || pIn * Xe * (Math.sqrt(re) - 1) ** 2 < minProfitUsd) return undefined;
  const midF = Number(midFee);
  const [f1, f2] = [l1.minSlipBps / 1e4, l2.minSlipBps / 1e4];
  const f = (x: number) => legF(Math.max(0, legF(x, X1, Y1, f1) - midF), X2, Y2, f2) * pOut - x * pIn;
  // Marginal value at x = 0: no edge, no trade.
  if (f(X1 * 1e-9 + 1) <= 0 && f(X1 * 1e-4) <= 0) return undefined;
  // The fee-free composite's optimum Xe·(√re − 1) bounds this one from above (fees only shrink it);
  // near the top profit is flat (its error is second order in x), so 1e-6 of the range is plenty.
  const x = BigInt(Math.floor(goldenMax(f, Math.min(X1, 1.05 * Xe * (Math.sqrt(re) - 1)), 80, 1e-6)));
  const y1 = legOutput(x, l1);
  const mid = y1 > midFee ? y1 - midFee : 0n;
  const y2 = legOutput(mid, l2);
  const got = y2 > outFee ? y2 - outFee : 0n;
  const sizeUsd = Number(x) * pIn;
  const inboundFeeUsd =
    Number(inFee) * pIn + (kind === 'cross' ? Number(px.fees.inbound(b.chain, a.asset, pMid)) * pMid : 0);
  const profitUsd = Number(got) * pOut - sizeUsd - Number(inFee) * pIn;
  const priceA = (kind === 'cross' ? Number(l1.X) / Number(l1.Y) : Number(l1.Y) / Number(l1.X)) * pIn;
  const priceB = (kind === 'cross' ? Number(l2.Y) / Number(l2.X) : Number(l2.X) / Number(l2.Y)) * pOut;
  return {
    kind,
    height,
    phase,
    chain: a.chain,
    pools: [`${a.chain}|${a.asset}`, `${b.chain}|${b.asset}`],
    gapBps: kind === 'cross' ? (priceB / priceA - 1) * 10000 : (priceA / priceB - 1) * 10000,
    inAsset,
    inAmount: x,
    outAsset,
    outAmount: got,
    sizeUsd,
    profitUsd,
    profitBps: sizeUsd > 0 ? (profitUsd / sizeUsd) * 10000 : 0,
    liquidityFeeUsd: Number(legFee(x, l1)) * pMid + Number(legFee(mid, l2)) * pOut,
    outboundFeeUsd: Number(midFee) * pMid + Number(outFee) * pOut,
    inboundFeeUsd,
    moveBps: x > 0n ? (Number(l1.Y) / Number(l1.X) / (Number(l1.Y - y1) / Number(l1.X + x)) - 1) * 10000 : 0,
  };
}

/** External USD of one unit of two equivalent assets (same ticker, or two stablecoins). */
function commonUsd(a: PoolDepth, b: PoolDepth, px: Pricing): number | undefined {
  return (
    px.usd(a.chain, a.asset) ?? px.usd(b.chain, b.asset) ?? (isStable(a.asset) && isStable(b.asset) ? 1 : undefined)
  );
}

/** Pool pairs worth a two-leg check: same ticker on two chains (cross), equivalent assets on one chain (triangle). */
export function pairsOf(pools: readonly PoolDepth[]): { kind: 'cross' | 'triangle'; a: number; b: number }[] {
  const out: { kind: 'cross' | 'triangle'; a: number; b: number }[] = [];
  for (let i = 0; i < pools.length; i++) {
    for (let j = i + 1; j < pools.length; j++) {
      const [p, q] = [pools[i] as PoolDepth, pools[j] as PoolDepth];
      const same = tickerOf(p.asset) === tickerOf(q.asset) || (isStable(p.asset) && isStable(q.asset));
      if (!same) continue;
      if (p.chain !== q.chain && p.asset === q.asset) out.push({ kind: 'cross', a: i, b: j });
      else if (p.chain === q.chain) out.push({ kind: 'triangle', a: i, b: j });
    }
  }
  return out;
}
