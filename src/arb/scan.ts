import type { MidgardAction } from '../midgard';
import type { ExternalPrices } from './external';
import type { FeeBook } from './fees';
import {
  externalOpportunity,
  pairsOf,
  priceSingle,
  twoLeg,
  type Opportunity,
  type PoolDepth,
  type Pricing,
} from './opportunity';
import { PoolReplay } from './replay';
import { NATIVE, decimalsOf, type Chain } from './units';

/** A swap as the scanner saw it: the gap it met, what it took out (at external prices), and what the model expected. */
export interface TradeEval {
  chain: Chain;
  height: number;
  pool: string;
  /** The trader's address on the native side (links both directions of one bot). */
  trader: string;
  inAsset: string;
  inAmount: bigint;
  sizeUsd: number;
  /** Value received (net of fees) minus value sent, USD at external prices: profit captured ex post. */
  realisedUsd: number;
  /** Single-pool swaps: the model's profit for this input on the replayed depths before it. */
  estimatedUsd: number | undefined;
  /** The pool's gap to the external price before the swap, bps (positive: asset dear in the pool). */
  gapBeforeBps: number;
  /** Whether the swap traded the gap down (sold a dear asset or bought a cheap one). */
  closesGap: boolean;
}

export interface ScanOptions {
  external: Partial<Record<Chain, ExternalPrices>>;
  fees: FeeBook;
  minProfitUsd: number;
  /** Evaluate every block between two actions (the external price moves each block), not only blocks with actions. */
  everyBlock: boolean;
  /** Also evaluate pools right after each swap inside a block (back-running gaps). */
  intra: boolean;
  streaming?: { quantity: number; recovery: number };
  onOpportunity: (o: Opportunity) => void;
  onTrade?: (t: TradeEval) => void;
}

interface ChainState {
  replay: PoolReplay;
  height: number;
  pairs: ReturnType<typeof pairsOf> | undefined;
}

/**
 * Walks the feeds (each chain's actions in chain order, chains interleaved by date) over the
 * replayed pools and reports every opportunity worth `minProfitUsd`: at the start of each block
 * (pool vs external, triangles on the chain, the same asset on the other chain) and optionally
 * right after swaps. Counts pool-blocks (one pool evaluated at one block) for the speed figure.
 */
export class Scanner {
  poolBlocks = 0;
  readonly chains = new Map<Chain, ChainState>();

  constructor(private readonly o: ScanOptions) {}

  addChain(chain: Chain, anchor: readonly PoolDepth[]): PoolReplay {
    const replay = new PoolReplay(chain, anchor);
    this.chains.set(chain, { replay, height: -1, pairs: undefined });
    return replay;
  }

  private pricing(chain: Chain): Pricing {
    const ext = this.o.external[chain];
    return {
      usd: (c, a) => this.o.external[c]?.usd(c, a) ?? (c === chain ? ext?.usd(c, a) : undefined),
      fees: this.o.fees,
      streaming: this.o.streaming,
    };
  }

  /** Feeds one action of `chain` (ascending order per chain). */
  push(chain: Chain, a: MidgardAction): void {
    const st = this.chains.get(chain);
    if (!st) throw new Error(`scan: chain ${chain} was not added`);
    const h = Number(a.height);
    const date = BigInt(a.date);
    if (h > st.height) {
      const first = st.height < 0 || !this.o.everyBlock ? h : st.height + 1;
      for (let k = first; k <= h; k++) this.blockStart(chain, st, k, date);
      st.height = h;
    }
    this.o.fees.observe(chain, a);
    if (a.type === 'swap' && a.status === 'success' && this.o.onTrade) this.trade(chain, st, a);
    const touched = st.replay.apply(a);
    if (this.o.intra && a.type === 'swap') {
      const px = this.pricing(chain);
      for (const asset of touched) {
        const p = st.replay.get(asset);
        const opp = p && externalOpportunity(p, px, h, 'intra', this.o.minProfitUsd);
        if (opp && opp.profitUsd >= this.o.minProfitUsd) this.o.onOpportunity(opp);
      }
    }
  }

  private blockStart(chain: Chain, st: ChainState, height: number, date: bigint): void {
    st.replay.startBlock(height);
    this.o.external[chain]?.at(height, date);
    const px = this.pricing(chain);
    const pools = [...st.replay.pools.values()];
    for (const p of pools) {
      this.poolBlocks++;
      const opp = externalOpportunity(p, px, height, 'start', this.o.minProfitUsd);
      if (opp && opp.profitUsd >= this.o.minProfitUsd) this.o.onOpportunity(opp);
    }
    if (!st.pairs || st.pairs.length === 0) st.pairs = pairsOf(pools);
    for (const pr of st.pairs)
      this.emit(
        twoLeg(
          'triangle',
          pools[pr.a] as PoolDepth,
          pools[pr.b] as PoolDepth,
          px,
          height,
          'start',
          this.o.minProfitUsd,
        ),
      );
    // The same asset on the other chain, at that chain's latest state.
    for (const [other, os] of this.chains) {
      if (other === chain) continue;
      for (const p of pools) {
        const q = os.replay.get(p.asset);
        if (q) this.emit(twoLeg('cross', p, q, px, height, 'start', this.o.minProfitUsd));
      }
    }
  }

  private emit(o: Opportunity | undefined): void {
    if (o && o.profitUsd >= this.o.minProfitUsd) this.o.onOpportunity(o);
  }

  private trade(chain: Chain, st: ChainState, a: MidgardAction): void {
    const native = NATIVE[chain];
    const c = a.in[0]?.coins[0];
    if (!c) return;
    const usd = (asset: string) => this.pricing(chain).usd(chain, asset);
    const value = (asset: string, amount: bigint) => {
      const u = usd(asset);
      return u === undefined ? undefined : Number(amount) * u * 10 ** -decimalsOf(chain, asset);
    };
    const sizeUsd = value(c.asset, BigInt(c.amount));
    if (sizeUsd === undefined) return;
    // What the trader received: coins of the target asset, not an affiliate's payout (flagged on
    // THORChain; in the simulator the user's payout comes first).
    const target = a.pools.length >= 2 ? a.pools[1] : c.asset === native ? a.pools[0] : native;
    const outs = a.out.filter((t) => t.affiliate !== true && t.coins.some((oc) => oc.asset === target));
    const mine = Number(a.metadata.swap?.affiliateFee ?? '0') > 0 && target === native ? outs.slice(0, 1) : outs;
    let got = 0;
    for (const t of mine)
      for (const oc of t.coins) if (oc.asset === target) got += value(oc.asset, BigInt(oc.amount)) ?? 0;
    const trader = target === native ? (mine[0]?.address ?? a.in[0]?.address ?? '') : (a.in[0]?.address ?? '');
    const p = a.pools[0] ? st.replay.get(a.pools[0]) : undefined;
    if (!p || !target) return;
    const px = this.pricing(chain);
    const aUsd = px.usd(chain, p.asset);
    const nUsd = px.usd(chain, native);
    if (!aUsd || !nUsd) return;
    const gap =
      (Number(p.nativeDepth) / Number(p.assetDepth)) *
        10 ** (decimalsOf(chain, p.asset) - decimalsOf(chain, native)) *
        (nUsd / aUsd) -
      1;
    const sell = c.asset !== native;
    let estimatedUsd: number | undefined;
    if (
      a.pools.length === 1 &&
      !a.metadata.swap?.isStreamingSwap &&
      Number(a.metadata.swap?.affiliateFee ?? '0') === 0
    ) {
      const min = px.fees.minSlipBps(chain);
      const leg = sell
        ? { X: p.assetDepth, Y: p.nativeDepth, minSlipBps: min }
        : { X: p.nativeDepth, Y: p.assetDepth, minSlipBps: min };
      const pIn = (sell ? aUsd : nUsd) * 10 ** -decimalsOf(chain, c.asset);
      const outAsset = sell ? native : p.asset;
      const pOut = (sell ? nUsd : aUsd) * 10 ** -decimalsOf(chain, outAsset);
      estimatedUsd = priceSingle(p, px, { inAsset: c.asset, outAsset, leg, pIn, pOut, x: BigInt(c.amount) }).profitUsd;
    }
    this.o.onTrade?.({
      chain,
      height: Number(a.height),
      pool: p.asset,
      trader,
      inAsset: c.asset,
      inAmount: BigInt(c.amount),
      sizeUsd,
      realisedUsd: got - sizeUsd,
      estimatedUsd,
      gapBeforeBps: gap * 10000,
      closesGap: sell ? gap > 0 : gap < 0,
    });
  }
}
