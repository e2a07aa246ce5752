import { createRng, type Rng } from '../../core';
import type { MidgardAction, MidgardPool } from '../schema';

/**
 * The served feed, held compactly: one JSON string per action plus columns for paging and
 * filtering. Event ids follow Midgard's shape (height·1e10 + an in-block index) and are what
 * page tokens carry.
 */
export interface Snapshot {
  /** Interval end, seconds. */
  endTime: number;
  pools: MidgardPool[];
}

export class ActionHistory {
  readonly eventIds: bigint[] = [];
  readonly heights: number[] = [];
  readonly datesNs: bigint[] = [];
  readonly types: string[] = [];
  /** Every in/out address, for the address filter. */
  readonly addresses: string[][] = [];
  /** Pools and coin assets, for the asset filter. */
  readonly assets: string[][] = [];
  readonly txIds: string[][] = [];
  readonly json: string[] = [];
  /** Indexes served malformed (fault injection); decided once per action, so every fetch agrees. */
  readonly malformed = new Set<number>();
  readonly hourly: Snapshot[] = [];
  private inBlock = 0;
  private malformedRng: Rng;

  constructor(
    private malformedRate = 0,
    seed = 1,
  ) {
    this.malformedRng = createRng(seed ^ 0x5eed);
  }

  get length(): number {
    return this.json.length;
  }

  append(a: MidgardAction): void {
    const height = Number(a.height);
    const last = this.heights[this.heights.length - 1];
    this.inBlock = last === height ? this.inBlock + 1 : 0;
    this.eventIds.push(BigInt(height) * 10_000_000_000n + 9_000_000_000n + BigInt(this.inBlock + 1));
    this.heights.push(height);
    this.datesNs.push(BigInt(a.date));
    this.types.push(a.type);
    const txs = [...a.in, ...a.out];
    this.addresses.push([...new Set(txs.map((t) => t.address))]);
    this.assets.push([...new Set([...a.pools, ...txs.flatMap((t) => t.coins.map((c) => c.asset))])]);
    this.txIds.push(txs.map((t) => t.txID).filter(Boolean));
    const i = this.json.length;
    if (this.malformedRate > 0 && this.malformedRng.next() < this.malformedRate) {
      this.malformed.add(i);
      this.json.push(corrupt(a, this.malformedRng));
    } else this.json.push(JSON.stringify(a));
  }

  recordSnapshot(endTime: number, pools: MidgardPool[]): void {
    this.hourly.push({ endTime, pools });
  }

  /** Index of the first event id greater than `id` (binary search; ids ascend). */
  upperBound(id: bigint): number {
    let lo = 0;
    let hi = this.eventIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.eventIds[mid] as bigint) <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A malformed variant of an action, of the kinds real feeds and broken proxies produce. */
function corrupt(a: MidgardAction, rng: Rng): string {
  const copy = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
  switch (rng.int(4)) {
    case 0:
      delete copy.height;
      break;
    case 1:
      copy.date = 'not-a-date';
      break;
    case 2:
      copy.in = 'not-an-array';
      break;
    default:
      copy.pools = null;
  }
  return JSON.stringify(copy);
}
