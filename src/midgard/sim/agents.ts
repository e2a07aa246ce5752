import { lognormal, pareto, pick, weightedIndex, type Rng } from '../../core';
import { NATIVE_ASSET, assetDecimals, chainOf } from './assets';
import { MAX_QUANTITY, swapOutput } from './clp';
import type { Ledger, Member, MemberSide } from './ledger';
import type { ExternalMarket } from './market';
import type { PoolBook } from './pool-state';
import { AFFILIATES, addressOf, memoAddressOf, type Affiliate, type Population, type User } from './population';
import type { RegimeState } from './regimes';

/**
 * What agents want to do, decided before execution: arbitrageurs closing gaps to the external
 * price, retail swappers with heavy-tailed sizes, liquidity providers and plain CACAO senders.
 * Intents carry no pool results; the executor applies them to the pools.
 */

/** How the user set `swapTarget`. `quote`: from a fresh quote of the exact output, moved by the drift between quote and execution, less a tolerance. */
export type LimitSpec =
  | { kind: 'none'; written: '' | '0' }
  | { kind: 'quote'; toleranceBps: number; driftSd: number }
  | { kind: 'fixed'; amount: bigint };

export interface SwapIntent {
  kind: 'swap';
  from: string;
  inAsset: string;
  inAmount: bigint;
  outAsset: string;
  /** Destination as written in the memo (EVM checksum-cased). */
  destination: string;
  limit: LimitSpec;
  affiliate: { name: string; bps: number; address: string } | undefined;
  /** Streaming swap: sub-swap every `interval` blocks; `quantity` 0 lets the protocol choose. */
  streaming: { interval: number; quantity: number } | undefined;
  memoPrefix: string;
  shortAssetName: boolean;
}

export interface AddIntent {
  kind: 'add';
  pool: string;
  side: MemberSide;
  cacaoAddress: string | undefined;
  assetAddress: string | undefined;
  cacao: bigint;
  asset: bigint;
}

export interface WithdrawIntent {
  kind: 'withdraw';
  member: Member;
  bps: bigint;
  memoPrefix: string;
}

export interface SendIntent {
  kind: 'send';
  from: string;
  to: string;
  asset: string;
  amount: bigint;
  memo: string;
}

export type Intent = SwapIntent | AddIntent | WithdrawIntent | SendIntent;

export interface AgentContext {
  readonly rng: Rng;
  readonly book: PoolBook;
  readonly market: ExternalMarket;
  readonly pop: Population;
  readonly ledger: Ledger;
  readonly arbs: readonly User[];
  /** Maya address of each interface in `AFFILIATES`, same order. */
  readonly affiliateAddresses: readonly string[];
  /** Pool choice weights (by depth), indexed like `book.list`. */
  readonly poolWeights: readonly number[];
  readonly streamingShare: number;
  readonly limitShare: number;
  readonly affiliateShare: number;
}

/** Arbitrage: act when a pool is this far from the external price (bps), with this chance per block. */
const ARB_THRESHOLD_BPS = 35;
const ARB_REACT = 0.6;
/** Back-running bots already answer a swap that moved its pool this far (bps): the fee-covering edge. */
const BACKRUN_THRESHOLD_BPS = 8;
/** Arbitrageurs' limit: quote less 10 bps; a trade ahead of theirs in the block can still refund them. */
const ARB_LIMIT_BPS = 10n;
/** Time between a user's quote and execution moves prices by this much (log sd), by inbound chain. */
const QUOTE_DRIFT: Readonly<Record<string, number>> = { BTC: 0.006, ETH: 0.003, DASH: 0.003, MAYA: 0.001 };
const TOLERANCES = [10, 30, 50, 100, 300];
const TOLERANCE_WEIGHTS = [0.1, 0.25, 0.3, 0.25, 0.1];

/** Whole-unit float → base units, optionally rounded to `sig` significant digits like a typed amount. */
export function toBase(units: number, asset: string, sig?: number): bigint {
  let x = units;
  if (sig !== undefined && x > 0) {
    const p = 10 ** (Math.floor(Math.log10(x)) - sig + 1);
    x = Math.round(x / p) * p;
  }
  return BigInt(Math.max(0, Math.round(x * 10 ** assetDecimals(asset))));
}

/** Arbitrage intents for this block: for each pool far enough from the external price, trade to close most of the gap. */
export function arbIntents(ctx: AgentContext): SwapIntent[] {
  const out: SwapIntent[] = [];
  const { rng, book, market } = ctx;
  if (ctx.arbs.length === 0) return out;
  book.list.forEach((p, i) => {
    const ratio = book.price(p) / market.target(i);
    if (Math.abs(ratio - 1) * 10000 < ARB_THRESHOLD_BPS || rng.next() > ARB_REACT) return;
    const intent = arbSwap(ctx, i, pick(rng, ctx.arbs), 0.5 + 0.5 * rng.next());
    if (intent) out.push(intent);
  });
  return out;
}

/**
 * Back-running: bots watching a pool answer a swap that pushed it past the threshold right
 * behind it, trading the pool back. Each pool has its regular bot (bots specialise), so after a
 * large swap the feed shows the same pool, reversed, from a known address: real feed structure.
 */
export function backrunIntent(ctx: AgentContext, pools: readonly string[], share: number): SwapIntent | undefined {
  const { rng, book, market } = ctx;
  if (ctx.arbs.length === 0 || share <= 0) return undefined;
  let best = -1;
  let bestGap = BACKRUN_THRESHOLD_BPS / 10000;
  for (const asset of pools) {
    const i = book.list.findIndex((p) => p.asset === asset);
    if (i < 0) continue;
    const gap = Math.abs(book.price(book.list[i]!) / market.target(i) - 1);
    if (gap >= bestGap) [best, bestGap] = [i, gap];
  }
  if (best < 0 || rng.next() >= share) return undefined;
  return arbSwap(ctx, best, ctx.arbs[best % ctx.arbs.length]!, 0.7 + 0.3 * rng.next());
}

/** The swap that moves pool i a fraction `close` of the way to the external price (undefined when under $50). */
function arbSwap(ctx: AgentContext, i: number, arb: User, close: number): SwapIntent | undefined {
  const { book, market } = ctx;
  const p = book.list[i]!;
  const ratio = book.price(p) / market.target(i);
  const chain = chainOf(p.asset);
  // Constant-product size that moves the price to the target: the side paid in grows by sqrt(gap).
  const sell = ratio > 1;
  const base = sell ? Number(p.assetDepth) : Number(p.cacaoDepth);
  const x = BigInt(Math.floor(base * (Math.sqrt(sell ? ratio : 1 / ratio) - 1) * close));
  const usd =
    (Number(x) / 10 ** assetDecimals(sell ? p.asset : NATIVE_ASSET)) * book.priceUSD(sell ? p.asset : NATIVE_ASSET);
  if (usd < 50) return undefined;
  const quote = sell ? swapOutput(x, p.assetDepth, p.cacaoDepth) : swapOutput(x, p.cacaoDepth, p.assetDepth);
  return {
    kind: 'swap',
    from: sell ? addressOf(arb, chain) : addressOf(arb, 'MAYA'),
    inAsset: sell ? p.asset : NATIVE_ASSET,
    inAmount: x,
    outAsset: sell ? NATIVE_ASSET : p.asset,
    destination: sell ? addressOf(arb, 'MAYA') : memoAddressOf(arb, chain),
    limit: { kind: 'fixed', amount: (quote * (10000n - ARB_LIMIT_BPS)) / 10000n },
    affiliate: undefined,
    streaming: undefined,
    memoPrefix: '=',
    shortAssetName: false,
  };
}

function choosePool(ctx: AgentContext, u: User | undefined, avoid = -1): number {
  for (let tries = 0; tries < 8; tries++) {
    const i =
      u && u.favorites.length > 0 && ctx.rng.next() < 0.75
        ? pick(ctx.rng, u.favorites)
        : weightedIndex(ctx.rng, ctx.poolWeights);
    if (i !== avoid) return i;
  }
  return (avoid + 1) % ctx.book.list.length;
}

/** Retail trade size in USD: log-normal body (median ≈ $250) with a Pareto whale tail. */
function tradeUSD(rng: Rng): number {
  return rng.next() < 0.03
    ? Math.min(pareto(rng, 5000, 1.3), 1.5e6)
    : Math.min(lognormal(rng, Math.log(250), 1.6), 3e5);
}

/** Slip (fraction) of a trade worth `usd` through pools with these CACAO-side USD depths: Σ v/(v+D). */
function estimatedSlip(usd: number, depthsUSD: readonly number[]): number {
  let s = 0;
  for (const d of depthsUSD) s += usd / (usd + d);
  return s;
}

export function retailSwap(ctx: AgentContext, heat = 1): SwapIntent {
  const { rng, book, pop } = ctx;
  const user = pop.pick();
  const r = rng.next();
  const a = choosePool(ctx, user);
  const pa = book.list[a]!;
  // 25% asset → CACAO, 40% asset → asset through CACAO (cross-chain, Maya's main use), 35% CACAO → asset.
  const inAsset = r < 0.65 ? pa.asset : NATIVE_ASSET;
  const outAsset = r < 0.25 ? NATIVE_ASSET : r < 0.65 ? book.list[choosePool(ctx, user, a)]!.asset : pa.asset;
  const usdIn = book.priceUSD(inAsset);
  const cacaoUSD = book.priceUSD(NATIVE_ASSET);
  let usd = Math.max(tradeUSD(rng) * heat, 15, 8 * book.feeUSD(outAsset));

  // Streaming: a base share, much likelier when one shot would slip 1.5% or more. Users who do
  // not stream shrink a trade that would slip over 3%, and nobody streams more than a third of a pool.
  const depths = [inAsset, outAsset]
    .filter((x) => x !== NATIVE_ASSET)
    .map((x) => (Number(book.get(x).cacaoDepth) / 1e10) * cacaoUSD);
  const slip = estimatedSlip(usd, depths);
  const pStream = slip >= 0.015 ? Math.min(1, 8 * ctx.streamingShare) : ctx.streamingShare;
  const streaming =
    rng.next() < pStream
      ? { interval: pick(rng, [1, 1, 1, 2, 3, 4, 5, 10]), quantity: rng.next() < 0.7 ? 0 : 1 + rng.int(20) }
      : undefined;
  const minDepth = Math.min(...depths);
  if (!streaming && slip > 0.03) usd = Math.max(15, usd * ((0.005 + 0.025 * rng.next()) / slip));
  else if (streaming) {
    if (usd > minDepth / 3) usd = minDepth / (3 + 10 * rng.next());
    // A user who picks the quantity keeps each sub-swap under ~2% of the shallowest pool.
    if (streaming.quantity > 0)
      streaming.quantity = Math.min(MAX_QUANTITY, Math.max(streaming.quantity, Math.ceil(usd / (0.02 * minDepth))));
  }
  const inAmount = toBase(usd / usdIn, inAsset, rng.next() < 0.5 ? 2 + rng.int(2) : undefined);
  const recipient = rng.next() < 0.04 ? pop.fresh() : user;
  const outChain = chainOf(outAsset);

  let limit: LimitSpec = { kind: 'none', written: rng.next() < 0.5 ? '' : '0' };
  if (!streaming && rng.next() < ctx.limitShare) {
    const toleranceBps = TOLERANCES[weightedIndex(rng, TOLERANCE_WEIGHTS)] as number;
    limit = { kind: 'quote', toleranceBps, driftSd: QUOTE_DRIFT[chainOf(inAsset)] ?? 0.002 };
  }
  let affiliate: SwapIntent['affiliate'];
  if (rng.next() < ctx.affiliateShare) {
    const k = weightedIndex(
      rng,
      AFFILIATES.map((x: Affiliate) => x.weight),
    );
    const aff = AFFILIATES[k] as Affiliate;
    affiliate = { name: aff.name, bps: aff.bps, address: ctx.affiliateAddresses[k] as string };
  }
  const pr = rng.next();
  return {
    kind: 'swap',
    from: addressOf(user, chainOf(inAsset)),
    inAsset,
    inAmount,
    outAsset,
    destination: memoAddressOf(recipient, outChain),
    limit,
    affiliate,
    streaming,
    memoPrefix: pr < 0.7 ? '=' : pr < 0.85 ? 's' : pr < 0.95 ? 'SWAP' : 'swap',
    shortAssetName: rng.next() < 0.25,
  };
}

export function addIntent(ctx: AgentContext, focus?: number, heat = 1): AddIntent {
  const { rng, book, pop } = ctx;
  const user = pop.pick();
  const p = book.list[focus ?? choosePool(ctx, user)]!;
  const r = rng.next();
  const side: MemberSide = r < 0.6 ? 'sym' : r < 0.8 ? 'cacao' : 'asset';
  // Deposits are log-normal (median $1,500); a single-sided one acts like a swap, so it stays
  // under 2% of the pool, a symmetric one under 20%.
  const depthUSD = (Number(p.cacaoDepth) / 1e10) * book.priceUSD(NATIVE_ASSET);
  const usd = Math.min(
    Math.max(lognormal(rng, Math.log(1500), 1.5) * heat, 50),
    depthUSD * (side === 'sym' ? 0.2 : 0.02) * (0.5 + 0.5 * rng.next()),
  );
  let cacao = 0n;
  let asset = 0n;
  if (side === 'sym') {
    asset = toBase(usd / 2 / book.priceUSD(p.asset), p.asset, 3);
    // The interface quotes the matching CACAO at the pool ratio; prices move a little before both legs land.
    cacao = BigInt(Math.round(Number((asset * p.cacaoDepth) / p.assetDepth) * (1 + 0.003 * rng.normal())));
  } else if (side === 'cacao') cacao = toBase(usd / book.priceUSD(NATIVE_ASSET), NATIVE_ASSET, 3);
  else asset = toBase(usd / book.priceUSD(p.asset), p.asset, 3);
  return {
    kind: 'add',
    pool: p.asset,
    side,
    cacaoAddress: side === 'asset' ? undefined : addressOf(user, 'MAYA'),
    assetAddress: side === 'cacao' ? undefined : addressOf(user, chainOf(p.asset)),
    cacao,
    asset,
  };
}

export function withdrawIntent(ctx: AgentContext): WithdrawIntent | undefined {
  const { rng } = ctx;
  const member = ctx.ledger.pickRandom(rng);
  if (!member) return undefined;
  const r = rng.next();
  const bps = r < 0.5 ? 10000n : r < 0.7 ? 5000n : r < 0.8 ? 2500n : BigInt(100 * (1 + rng.int(99)));
  return { kind: 'withdraw', member, bps, memoPrefix: rng.next() < 0.8 ? '-' : 'WITHDRAW' };
}

export function sendIntent(ctx: AgentContext): SendIntent {
  const { rng, pop, book } = ctx;
  const from = pop.pick();
  let to = rng.next() < 0.3 ? pop.fresh() : pop.pick();
  if (to === from) to = pop.fresh();
  const maya = rng.next() < 0.1;
  const asset = maya ? 'MAYA.MAYA' : NATIVE_ASSET;
  // MAYA tokens: a few whole tokens; CACAO: a log-normal USD amount, typed with 1–2 significant digits.
  const amount = maya
    ? toBase(lognormal(rng, Math.log(2), 1.2), asset, 2)
    : toBase(lognormal(rng, Math.log(80), 1.8) / book.priceUSD(NATIVE_ASSET), asset, 1 + rng.int(2));
  return {
    kind: 'send',
    from: addressOf(from, 'MAYA'),
    to: addressOf(to, 'MAYA'),
    asset,
    amount: amount > 0n ? amount : 1n,
    memo: '',
  };
}

/** Draws the next non-arbitrage intent from the running regime's mix (swaps dominate in normal times). */
export function retailIntent(ctx: AgentContext, regime: RegimeState): Intent {
  const { rng } = ctx;
  const [swap, send, add] = regime.regime.mix;
  const r = rng.next();
  // A liquidity wave is mostly about one pool.
  const focus = regime.regime.name === 'inflow' && rng.next() < 0.7 ? regime.focusPool : undefined;
  if (r < swap) return retailSwap(ctx, regime.heat);
  if (r < swap + send) return sendIntent(ctx);
  if (r < swap + send + add) return addIntent(ctx, focus, regime.heat);
  return withdrawIntent(ctx) ?? addIntent(ctx, focus, regime.heat);
}
