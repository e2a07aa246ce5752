import type { Rng } from '../../core';

/**
 * Liquidity-provider positions the simulation created. Only these can withdraw: every
 * withdrawal's units come from earlier adds by the same member. The seed pools' own units
 * belong to LPs outside the simulation and never move.
 */
export type MemberSide = 'sym' | 'cacao' | 'asset';

export interface Member {
  readonly pool: string;
  /** Symmetric members have both addresses, single-sided ones only their side's. */
  readonly side: MemberSide;
  readonly cacaoAddress: string | undefined;
  readonly assetAddress: string | undefined;
  units: bigint;
  /** Position in the active array (internal bookkeeping). */
  slot: number;
}

export class Ledger {
  /** Members holding units, in an array for O(1) random choice (swap-remove on exit). */
  private readonly active: Member[] = [];
  private readonly byKey = new Map<string, Member>();

  private static key(pool: string, side: MemberSide, cacaoAddress?: string, assetAddress?: string): string {
    return `${pool}|${side}|${cacaoAddress ?? ''}|${assetAddress ?? ''}`;
  }

  /** Credits `units` to the member (created on first deposit). */
  deposit(
    pool: string,
    side: MemberSide,
    cacaoAddress: string | undefined,
    assetAddress: string | undefined,
    units: bigint,
  ): Member {
    const k = Ledger.key(pool, side, cacaoAddress, assetAddress);
    let m = this.byKey.get(k);
    if (!m) {
      m = { pool, side, cacaoAddress, assetAddress, units: 0n, slot: this.active.length };
      this.byKey.set(k, m);
      this.active.push(m);
    }
    m.units += units;
    return m;
  }

  /** Debits units; a member at zero leaves the active set. */
  withdraw(m: Member, units: bigint): void {
    if (units <= 0n || units > m.units) throw new Error(`sim ledger: cannot withdraw ${units} of ${m.units} units`);
    m.units -= units;
    if (m.units === 0n) {
      const last = this.active.pop() as Member;
      if (last !== m) {
        this.active[m.slot] = last;
        last.slot = m.slot;
      }
      this.byKey.delete(Ledger.key(m.pool, m.side, m.cacaoAddress, m.assetAddress));
    }
  }

  pickRandom(rng: Rng): Member | undefined {
    return this.active.length === 0 ? undefined : this.active[rng.int(this.active.length)];
  }

  get size(): number {
    return this.active.length;
  }

  /** Units the simulation's members hold in `pool`. */
  unitsIn(pool: string): bigint {
    let s = 0n;
    for (const m of this.active) if (m.pool === pool) s += m.units;
    return s;
  }
}
