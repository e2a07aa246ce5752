import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { WorkbenchError, createRng } from '../core';
import { ExternalMarket, SEED_CACAO_PRICE_USD, SEED_HEIGHT, SEED_POOLS } from '../midgard';
import { NATIVE, tickerOf, type Chain } from './units';

/**
 * External reference prices: USD per whole unit of an asset at a block. Two sources: a CSV of
 * timestamped prices (by ticker or full asset name), or the simulator's external price walk
 * regenerated from its seed (it has its own random stream, so it is the same walk the
 * simulated arbitrageurs tracked).
 */
export interface ExternalPrices {
  readonly name: string;
  /** Moves to the block at `height` (dates in ns); heights arrive in ascending order. */
  at(height: number, dateNs: bigint): void;
  /** USD per whole unit now; undefined when the source has no price for it. */
  usd(chain: Chain, asset: string): number | undefined;
}

/** The simulator's walk: step k is taken at height startHeight + k (one step per block). */
export class SimExternal implements ExternalPrices {
  readonly name: string;
  private readonly market: ExternalMarket;
  private readonly index = new Map<string, number>();
  private height: number;

  constructor(opts: { seed: number; blockSeconds?: number; volatility?: number; startHeight?: number }) {
    this.name = `sim(seed ${opts.seed})`;
    // Same construction as MarketSimulator's price path (src/midgard/sim/simulator.ts).
    this.market = new ExternalMarket(
      createRng(opts.seed ^ 0x5bd1e995),
      SEED_POOLS,
      SEED_CACAO_PRICE_USD,
      opts.blockSeconds ?? 6,
      opts.volatility ?? 1,
    );
    SEED_POOLS.forEach((p, i) => {
      this.index.set(p.asset, i);
    });
    this.height = opts.startHeight ?? SEED_HEIGHT;
  }

  at(height: number): void {
    while (this.height < height) {
      this.market.step();
      this.height++;
    }
  }

  usd(chain: Chain, asset: string): number | undefined {
    if (chain !== 'maya') return undefined;
    if (asset === NATIVE.maya) return this.market.cacaoUSD;
    const i = this.index.get(asset);
    return i === undefined ? undefined : this.market.assetUSD(i);
  }
}

const CsvRowSchema = z.object({
  time: z.string().min(1),
  asset: z.string().min(1),
  usd: z.coerce.number().positive().finite(),
});

/** Seconds since the epoch from an ISO date or a number of seconds (or ms when ≥ 1e11). */
function parseTime(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n >= 1e11 ? n / 1000 : n;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t / 1000;
}

/**
 * CSV with a header naming `time` (ISO or unix seconds), `asset` (ticker like BTC, or a full
 * asset name like BTC.BTC) and `usd`. A price holds until the next one for the same key.
 */
export class CsvExternal implements ExternalPrices {
  readonly name: string;
  private readonly series = new Map<string, { t: number[]; p: number[]; i: number }>();
  private now = 0;

  constructor(file: string) {
    this.name = `csv(${file})`;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new WorkbenchError(
        `cannot read external prices ${file}: ${(e as Error).message}`,
        'pass --external FILE.csv with columns time,asset,usd, or --external sim',
      );
    }
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
    const col = (n: string) => header.indexOf(n);
    if (col('time') < 0 || col('asset') < 0 || col('usd') < 0)
      throw new WorkbenchError(
        `${file}: the header must name time, asset and usd; got "${lines[0] ?? ''}"`,
        'write a header line: time,asset,usd',
      );
    const rows: { t: number; key: string; usd: number }[] = [];
    lines.slice(1).forEach((line, k) => {
      const cells = line.split(',').map((c) => c.trim());
      const r = CsvRowSchema.safeParse({
        time: cells[col('time')],
        asset: cells[col('asset')],
        usd: cells[col('usd')],
      });
      const t = r.success ? parseTime(r.data.time) : undefined;
      if (!r.success || t === undefined)
        throw new WorkbenchError(
          `${file} line ${k + 2}: expected time,asset,usd with a positive price, got "${line}"`,
          'fix or remove that line',
        );
      rows.push({ t, key: r.data.asset.toUpperCase(), usd: r.data.usd });
    });
    rows.sort((a, b) => a.t - b.t);
    for (const r of rows) {
      const s = this.series.get(r.key) ?? { t: [], p: [], i: -1 };
      s.t.push(r.t);
      s.p.push(r.usd);
      this.series.set(r.key, s);
    }
  }

  at(_height: number, dateNs: bigint): void {
    this.now = Number(dateNs / 1_000_000n) / 1000;
  }

  private lookup(key: string): number | undefined {
    const s = this.series.get(key);
    if (!s) return undefined;
    // Forward-only cursor: heights (and dates) ascend during a scan; restart when they do not.
    if (s.i >= 0 && (s.t[s.i] as number) > this.now) s.i = -1;
    while (s.i + 1 < s.t.length && (s.t[s.i + 1] as number) <= this.now) s.i++;
    return s.i >= 0 ? s.p[s.i] : undefined;
  }

  usd(_chain: Chain, asset: string): number | undefined {
    return this.lookup(asset.toUpperCase()) ?? this.lookup(tickerOf(asset).toUpperCase());
  }
}

/**
 * A coarser feed of the same prices: refreshed every `everyBlocks` blocks and held in between,
 * as a minute or ten-minute external price feed would be. Scores the scanner without the
 * simulator's block-exact prices.
 */
export class HeldExternal implements ExternalPrices {
  readonly name: string;
  private next = -Infinity;

  constructor(
    private readonly inner: ExternalPrices,
    readonly everyBlocks: number,
  ) {
    this.name = `${inner.name} held ${everyBlocks} blocks`;
  }

  at(height: number, dateNs: bigint): void {
    if (height < this.next) return;
    this.inner.at(height, dateNs);
    this.next = height + this.everyBlocks;
  }

  usd(chain: Chain, asset: string): number | undefined {
    return this.inner.usd(chain, asset);
  }
}

/** `sim`, `sim:SEED`, or `sim:SEED@N` (refreshed every N blocks) → the simulator's walk; anything else is a CSV path. */
export function openExternal(spec: string, defaults: { seed?: number; blockSeconds?: number } = {}): ExternalPrices {
  const m = /^sim(?::(-?\d+))?(?:@(\d+))?$/.exec(spec);
  if (m) {
    const walk = new SimExternal({
      seed: m[1] !== undefined ? Number(m[1]) : (defaults.seed ?? 1),
      blockSeconds: defaults.blockSeconds,
    });
    return m[2] !== undefined && Number(m[2]) > 1 ? new HeldExternal(walk, Number(m[2])) : walk;
  }
  return new CsvExternal(spec);
}
