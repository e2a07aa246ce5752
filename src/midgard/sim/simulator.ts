import { z } from 'zod';
import { createRng, poisson, type Rng } from '../../core';
import type { MidgardAction, MidgardPool } from '../schema';
import { arbIntents, backrunIntent, retailIntent, type AgentContext, type Intent, type SwapIntent } from './agents';
import { CHAINS, NATIVE_ASSET } from './assets';
import { RegimeState } from './regimes';
import { Ledger } from './ledger';
import { executeAdd, executeSend, executeWithdraw } from './liquidity';
import { ExternalMarket } from './market';
import type { ExecContext } from './outbound';
import { PoolBook } from './pool-state';
import { AFFILIATES, AFFILIATE_ID_BASE, ARB_ID_BASE, Population, addressOf } from './population';
import { SEED_CACAO_PRICE_USD, SEED_DATE_NS, SEED_HEIGHT, SEED_POOLS } from './seed-pools';
import { pendingAction, stepStream, type StreamingSwap } from './streaming';
import { executeSwap } from './swaps';
import { plantedTrade, type PlantListener } from './planted';

export const SimOptionsSchema = z
  .object({
    seed: z.number().int(),
    /** Height of the block before the first simulated one. */
    startHeight: z.number().int().nonnegative().default(SEED_HEIGHT),
    /** Its date, ns since the epoch. */
    startDateNs: z.bigint().nonnegative().default(SEED_DATE_NS),
    /** Mean block time (Maya ≈ 6 s); each block varies ±10%. */
    blockSeconds: z.number().min(0.1).max(3600).default(6),
    /** Mean non-arbitrage actions per block (Poisson); arbitrage comes on top. */
    actionsPerBlock: z.number().positive().max(100).default(0.5),
    /** Share of retail swaps that stream (swaps that would slip ≥ 1.5% stream 8× as often). */
    streamingShare: z.number().min(0).max(1).default(0.08),
    /** Share of retail actions from a never-seen address. */
    newAddressShare: z.number().min(0).max(1).default(0.2),
    /** Share of non-streaming retail swaps that set a price limit (swapTarget). */
    limitShare: z.number().min(0).max(1).default(0.35),
    /** Share of retail swaps sent through an interface that takes an affiliate fee. */
    affiliateShare: z.number().min(0).max(1).default(0.45),
    /** Multiplier on every external price volatility (0 freezes external prices). */
    volatility: z.number().min(0).max(50).default(1),
    /** How many recurring arbitrage bots (0 turns arbitrage off). */
    arbitrageurs: z.number().int().min(0).max(100).default(4),
    /** Chance that a retail swap leaving a pool past the arbitrage threshold is back-run by that pool's bot right behind it. */
    backrunShare: z.number().min(0).max(1).default(0.6),
    /** Activity regimes (liquidity waves, withdrawal waves, transfer batches) and slow trade-size "heat"; false = one stationary mix. */
    regimes: z.boolean().default(true),
  })
  .strict();
export type SimOptions = z.input<typeof SimOptionsSchema>;
export type ResolvedSimOptions = z.output<typeof SimOptionsSchema>;

/** One action position in chain order: finished, or a streaming swap still running. */
interface Slot {
  action: MidgardAction | undefined;
  stream: StreamingSwap | undefined;
}

/**
 * A deterministic Maya market: pools seeded from real depths, an external price walk,
 * arbitrageurs, retail swappers, liquidity providers and senders, block by block. `next()`
 * returns actions in ascending chain order exactly as Midgard's `/v2/actions` would show them
 * once final. Streaming swaps run across blocks, so the simulator looks ahead until the oldest
 * unreturned action is final; `pools()` is the state at `height` (the look-ahead included).
 */
export class MarketSimulator implements ExecContext {
  readonly options: ResolvedSimOptions;
  readonly rng: Rng;
  readonly book: PoolBook;
  private readonly market: ExternalMarket;
  private readonly ledger = new Ledger();
  private readonly agents: AgentContext;
  private h: number;
  private blockDate: bigint;
  private inBlock = 0;
  private queue: Slot[] = [];
  private head = 0;
  private streams: Slot[] = [];
  private closed = false;
  private readonly regime: RegimeState;
  /** CACAO each finished swap moved through pools (see swapVolumeOf); streams accumulate until done. */
  private readonly swapVolumes = new WeakMap<MidgardAction, bigint>();
  private readonly streamVolumes = new Map<StreamingSwap, bigint>();
  /** Optional ground-truth listener (planted.ts); draws no random numbers, so the feed is unchanged. */
  onPlant: PlantListener | undefined;

  constructor(opts: SimOptions) {
    const o = SimOptionsSchema.parse(opts);
    this.options = o;
    this.rng = createRng(o.seed);
    this.h = o.startHeight;
    this.blockDate = o.startDateNs;
    this.book = new PoolBook(SEED_POOLS, Math.round(86400 / o.blockSeconds));
    // The price path has its own stream: it stays the same whatever the agents draw.
    this.market = new ExternalMarket(
      createRng(o.seed ^ 0x5bd1e995),
      SEED_POOLS,
      SEED_CACAO_PRICE_USD,
      o.blockSeconds,
      o.volatility,
    );
    // Pool popularity: CACAO depth^0.7, so deep pools dominate without starving the small ones.
    const poolWeights = SEED_POOLS.map((p) => (Number(p.runeDepth) / 1e10) ** 0.7);
    const pop = new Population(this.rng, o.newAddressShare, Math.imul(o.seed, 0x9e3779b1) >>> 0, poolWeights);
    this.agents = {
      rng: this.rng,
      book: this.book,
      market: this.market,
      pop,
      ledger: this.ledger,
      arbs: Array.from({ length: o.arbitrageurs }, (_, i) => pop.special(ARB_ID_BASE + i)),
      affiliateAddresses: AFFILIATES.map((_, i) => addressOf(pop.special(AFFILIATE_ID_BASE + i), 'MAYA')),
      poolWeights,
      streamingShare: o.streamingShare,
      limitShare: o.limitShare,
      affiliateShare: o.affiliateShare,
    };
    this.regime = new RegimeState(this.rng, poolWeights, o.regimes);
  }

  /**
   * Ground truth for address profiling: every address the arbitrage (and back-running) bots act
   * from, on every chain. Every other acting address is a retail user.
   */
  arbitrageurAddresses(): Set<string> {
    return new Set(this.agents.arbs.flatMap((u) => Object.keys(CHAINS).map((c) => addressOf(u, c))));
  }

  /** The activity regime running now (see regimes.ts). */
  get regimeName(): string {
    return this.regime.regime.name;
  }

  /** Height of the last simulated block. */
  get height(): number {
    return this.h;
  }

  /** Date of the last simulated block, ns. */
  get dateNs(): bigint {
    return this.blockDate;
  }

  /** Observed actions not yet returned by `next()` (streaming swaps in flight and what follows them). */
  get buffered(): number {
    return this.queue.length - this.head;
  }

  nextDate(): bigint {
    return this.blockDate + BigInt(this.inBlock++);
  }

  /** Whether the oldest unreturned action is final (so `next()` needs no more blocks). */
  get ready(): boolean {
    return this.head < this.queue.length && this.queue[this.head]?.action !== undefined;
  }

  /** The next action in ascending (height, date) order. */
  next(): MidgardAction {
    if (this.closed) throw new Error('MarketSimulator: next() after close()');
    while (!this.ready) this.advance();
    const a = (this.queue[this.head] as Slot).action as MidgardAction;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return a;
  }

  /**
   * Ends the run at the current block: returns every observed action not yet returned, streaming
   * swaps still running as status "pending" with their progress. Afterwards `pools()` is exactly
   * what all returned actions imply; `next()` may not be called again.
   */
  close(): MidgardAction[] {
    this.closed = true;
    const rest = this.queue
      .slice(this.head)
      .map((s) => s.action ?? pendingAction(this.book, s.stream as StreamingSwap));
    this.head = this.queue.length;
    return rest;
  }

  /**
   * CACAO base units a finished swap action moved through pools, as executed: every leg (a
   * double swap's CACAO counts in both pools), every streaming sub-swap, an affiliate share
   * swapped in the input pool included, liquidity fees excluded. Midgard's swap history sums
   * the same per-pool volumes; the action itself does not show a double swap's CACAO leg.
   * Undefined for anything but a swap returned by `next()` with status success.
   */
  swapVolumeOf(a: MidgardAction): bigint | undefined {
    return this.swapVolumes.get(a);
  }

  /** The external market's fair price of each pool's asset, CACAO per whole unit (what arbitrage aims for). */
  fairPrices(): Record<string, number> {
    const out: Record<string, number> = {};
    this.book.list.forEach((p, i) => (out[p.asset] = this.market.target(i)));
    return out;
  }

  /** Current pools as Midgard's `/v2/pools` shows them. */
  pools(): MidgardPool[] {
    return this.book.snapshot(this.h);
  }

  private push(slot: Slot): void {
    this.queue.push(slot);
  }

  /** Simulates one more block. */
  advance(): void {
    if (this.closed) throw new Error('MarketSimulator: advance() after close()');
    const bs = this.options.blockSeconds;
    this.h++;
    this.blockDate += BigInt(Math.round(bs * (0.9 + 0.2 * this.rng.next()) * 1e9));
    this.inBlock = 0;
    this.market.step();
    this.regime.step();

    // Streaming sub-swaps due now, oldest first.
    if (this.streams.length > 0) {
      const still: Slot[] = [];
      for (const slot of this.streams) {
        const s = slot.stream as StreamingSwap;
        if (s.nextHeight !== this.h) {
          still.push(slot);
          continue;
        }
        const before = this.book.volumeTotal;
        const done = stepStream(this, s);
        const moved = (this.streamVolumes.get(s) ?? 0n) + this.book.volumeTotal - before;
        this.streamVolumes.set(s, moved);
        if (done) {
          this.noteSwap(done, s);
          slot.action = done;
          slot.stream = undefined;
        } else still.push(slot);
      }
      this.streams = still;
    }

    this.plantGaps();
    // Arbitrage quotes are taken at the start of the block; retail flow lands in between.
    const retail = poisson(this.rng, this.options.actionsPerBlock * this.regime.regime.activity);
    const order: (SwapIntent | undefined)[] = new Array<SwapIntent | undefined>(retail).fill(undefined);
    for (const arb of arbIntents(this.agents)) order.splice(this.rng.int(order.length + 1), 0, arb);
    for (const planned of order) {
      const intent = planned ?? retailIntent(this.agents, this.regime);
      this.execute(intent, planned ? 'arb' : undefined);
      if (planned || intent.kind !== 'swap' || intent.streaming) continue;
      const backrun = backrunIntent(
        this.agents,
        [intent.inAsset, intent.outAsset].filter((a) => a !== NATIVE_ASSET),
        this.options.backrunShare,
      );
      if (backrun) this.execute(backrun, 'backrun');
    }
  }

  /** Every pool's state and external prices at the start of the block (only with a listener). */
  private plantGaps(): void {
    const listen = this.onPlant;
    if (!listen) return;
    this.book.list.forEach((p, i) => {
      listen({
        kind: 'gap',
        height: this.h,
        pool: p.asset,
        assetDepth: p.assetDepth,
        cacaoDepth: p.cacaoDepth,
        assetUSD: this.market.assetUSD(i),
        cacaoUSD: this.market.cacaoUSD,
      });
    });
  }

  private noteSwap(done: MidgardAction, s: StreamingSwap): void {
    this.swapVolumes.set(done, this.streamVolumes.get(s) ?? 0n);
    this.streamVolumes.delete(s);
  }

  private execute(intent: Intent, arb?: 'arb' | 'backrun'): void {
    switch (intent.kind) {
      case 'swap': {
        const before = this.book.volumeTotal;
        const pool =
          arb && this.onPlant
            ? this.book.get(intent.inAsset === NATIVE_ASSET ? intent.outAsset : intent.inAsset)
            : undefined;
        const depths = pool ? { assetDepth: pool.assetDepth, cacaoDepth: pool.cacaoDepth } : undefined;
        const r = executeSwap(this, intent);
        const moved = this.book.volumeTotal - before;
        // Arbitrage never streams, so its trade is final here.
        if (arb && pool && depths && 'action' in r)
          this.onPlant?.(
            plantedTrade(
              arb,
              this.h,
              intent,
              pool.asset,
              depths,
              r.action,
              this.market.assetUSD(this.book.list.indexOf(pool)),
              this.market.cacaoUSD,
            ),
          );
        if ('action' in r) {
          if (r.action.type === 'swap') this.swapVolumes.set(r.action, moved);
          this.push({ action: r.action, stream: undefined });
        } else {
          this.streamVolumes.set(r.stream, moved);
          const slot = { action: undefined, stream: r.stream };
          this.push(slot);
          this.streams.push(slot);
        }
        return;
      }
      case 'add':
        this.push({ action: executeAdd(this, this.ledger, intent), stream: undefined });
        return;
      case 'withdraw':
        this.push({ action: executeWithdraw(this, this.ledger, intent), stream: undefined });
        return;
      case 'send':
        this.push({ action: executeSend(this, intent), stream: undefined });
        return;
    }
  }
}

/**
 * Exactly `count` actions in chain order. The run ends like a Midgard snapshot at its last block:
 * streaming swaps still running there come out as status "pending".
 */
export function* simulateActions(opts: SimOptions, count: number): Generator<MidgardAction> {
  const sim = new MarketSimulator(opts);
  let n = 0;
  while (n < count) {
    if (sim.ready) {
      yield sim.next();
      n++;
    } else if (n + sim.buffered >= count) {
      for (const a of sim.close().slice(0, count - n)) yield a;
      return;
    } else sim.advance();
  }
}
