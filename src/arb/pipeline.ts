import { MarketSimulator, SEED_POOLS, SIM_CHAINS, type MidgardAction, type Planted, type SimOptions } from '../midgard';
import { SimExternal, type ExternalPrices } from './external';
import { FeeBook, type FeeOptions } from './fees';
import type { Opportunity, PoolDepth } from './opportunity';
import { Scanner, type TradeEval } from './scan';
import type { Chain } from './units';

/** The simulator's starting pools, as the replay's anchor (the simulator always starts from them). */
export function seedAnchor(): PoolDepth[] {
  return SEED_POOLS.map((p) => ({
    chain: 'maya' as const,
    asset: p.asset,
    assetDepth: p.assetDepth,
    nativeDepth: p.runeDepth,
  }));
}

/** `count` simulated actions and the ground truth the simulator planted while making them. */
export function simulateWithTruth(opts: SimOptions, count: number): { actions: MidgardAction[]; truth: Planted[] } {
  const sim = new MarketSimulator(opts);
  const truth: Planted[] = [];
  sim.onPlant = (p) => truth.push(p);
  const actions: MidgardAction[] = [];
  while (actions.length < count) actions.push(sim.next());
  // Blocks simulated ahead of the last returned action are not in the feed: drop their truth.
  const last = Number(actions[actions.length - 1]?.height ?? 0);
  return { actions, truth: truth.filter((p) => p.height <= last) };
}

export interface ScanFeed {
  chain: Chain;
  anchor: readonly PoolDepth[];
  actions: AsyncIterable<MidgardAction> | Iterable<MidgardAction>;
}

export interface ScanRun {
  opportunities: Opportunity[];
  trades: TradeEval[];
  poolBlocks: number;
  seconds: number;
  fees: FeeBook;
}

export interface RunScanOptions {
  external: Partial<Record<Chain, ExternalPrices>>;
  fees?: Partial<FeeOptions>;
  minProfitUsd?: number;
  everyBlock?: boolean;
  intra?: boolean;
  streaming?: { quantity: number; recovery: number };
  /** Called per opportunity instead of collecting them (large scans). */
  onOpportunity?: (o: Opportunity) => void;
  collectTrades?: boolean;
  /** Prime outbound fees with the simulator's gas table (simulated feeds). */
  simFees?: boolean;
}

/**
 * Scans feeds over their replayed pools. Several chains are interleaved by action date (each
 * chain stays in its own order), so cross-chain pairs compare states of the same moment.
 */
export async function runScan(feeds: readonly ScanFeed[], o: RunScanOptions): Promise<ScanRun> {
  const fees = new FeeBook({
    inbound: o.fees?.inbound ?? true,
    minSlipBps: { maya: 0, thorchain: 5, ...o.fees?.minSlipBps },
  });
  // The simulator's gas-asset fees are public chain parameters (copied from Maya): known from the start.
  if (o.simFees) for (const c of Object.values(SIM_CHAINS)) fees.prime('maya', c.gasAsset, c.gasFee);
  const opportunities: Opportunity[] = [];
  const trades: TradeEval[] = [];
  const scanner = new Scanner({
    external: o.external,
    fees,
    minProfitUsd: o.minProfitUsd ?? 1,
    everyBlock: o.everyBlock ?? true,
    intra: o.intra ?? true,
    streaming: o.streaming,
    onOpportunity: o.onOpportunity ?? ((x) => opportunities.push(x)),
    onTrade: o.collectTrades === false ? undefined : (t) => trades.push(t),
  });
  const t0 = performance.now();
  const its = feeds.map((f) => {
    scanner.addChain(f.chain, f.anchor);
    const it: AsyncIterator<MidgardAction> =
      Symbol.asyncIterator in f.actions
        ? (f.actions as AsyncIterable<MidgardAction>)[Symbol.asyncIterator]()
        : toAsync((f.actions as Iterable<MidgardAction>)[Symbol.iterator]());
    return { chain: f.chain, it };
  });
  const heads = await Promise.all(its.map((x) => x.it.next()));
  for (;;) {
    let k = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h || h.done) continue;
      if (k < 0 || BigInt(h.value.date) < BigInt((heads[k] as IteratorYieldResult<MidgardAction>).value.date)) k = i;
    }
    if (k < 0) break;
    const src = its[k] as (typeof its)[number];
    scanner.push(src.chain, (heads[k] as IteratorYieldResult<MidgardAction>).value);
    heads[k] = await src.it.next();
  }
  return { opportunities, trades, poolBlocks: scanner.poolBlocks, seconds: (performance.now() - t0) / 1000, fees };
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: () => Promise.resolve(it.next()) };
}

/** The external walk a simulator with these options followed. */
export function simExternal(opts: SimOptions): SimExternal {
  return new SimExternal({
    seed: opts.seed,
    blockSeconds: opts.blockSeconds,
    volatility: opts.volatility,
    startHeight: opts.startHeight,
  });
}
