import { WorkbenchError } from '../../core/errors';
import { FLIPSIDE_CHAINS, type FlipsideChain } from '../chains';
import { IsoDateSchema, type IsoDate } from '../daily';
import { CHAIN_PROFILES, REFERENCE_DATE } from './profiles';
import { chainPath, dateOfIndex, dayIndex, marketPath, rngFor, SIM_EPOCH, type Regime } from './regimes';

/**
 * Simulated daily aggregates, one row per (seed, chain, day) with the columns and units of the
 * Flipside daily query (`DAILY_COLUMNS`): activity follows the chain's trend, the hidden market
 * regime and factor, its own slow factor, weekends and daily noise; fees spike and success dips
 * in volatile phases; value moved swings with the market. About 1 % of days have no row at all
 * (as when an indexer lags), so consumers must handle gaps. Rows depend only on (seed, chain,
 * day): any two ranges agree on the days they share.
 */
export interface SimDailyRow {
  /** YYYY-MM-DD (UTC day). */
  day: IsoDate;
  transactions: number;
  active_senders: number;
  active_receivers: number;
  success_rate: number | null;
  fees_native: number;
  transferred_native: number;
  gas_used: number | null;
  contract_calls: number | null;
}

export interface SimOptions {
  seed: number;
  /** Share of days without a row (default 0.01). */
  missingRate?: number;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const REF_INDEX = dayIndex(REFERENCE_DATE);

export class ChainDaySimulator {
  readonly seed: number;
  readonly missingRate: number;

  constructor(o: SimOptions) {
    if (!Number.isInteger(o.seed)) throw new WorkbenchError(`simulator seed must be an integer, got ${o.seed}`);
    this.seed = o.seed;
    this.missingRate = o.missingRate ?? 0.01;
  }

  /** The hidden market regime of a day (what regime labels downstream try to recover). */
  regime(date: IsoDate): Regime {
    const i = dayIndex(checkDate(date));
    if (i < 0) throw new WorkbenchError(`the simulator starts on ${SIM_EPOCH}, got ${date}`);
    return marketPath(this.seed, i + 1).regime[i] as Regime;
  }

  /** One chain's row for one day, or null: before launch, before the epoch, or a missing day. */
  row(chain: FlipsideChain, date: IsoDate): SimDailyRow | null {
    const p = CHAIN_PROFILES[chain];
    if (!p)
      throw new WorkbenchError(`the simulator has no chain "${chain}"`, `supported: ${FLIPSIDE_CHAINS.join(', ')}`);
    const i = dayIndex(checkDate(date));
    const launch = Math.max(0, dayIndex(p.launch));
    if (i < launch) return null;
    const market = marketPath(this.seed, i + 1);
    const regime = market.regime[i] as Regime;
    const m = market.factor[i] as number;
    const c = chainPath(this.seed, chain, i + 1)[i] as number;
    // One stream per (seed, chain, day); draws always in this order.
    const rng = rngFor(this.seed, chain, date);
    if (rng.next() < this.missingRate) return null;
    const volatile = regime === 'volatile';
    const years = Math.max(-10, Math.min(5, (i - REF_INDEX) / 365.25));
    const ramp = Math.log(Math.min(1, 0.1 + (0.9 * (i - launch)) / 180));
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? p.weekend : 0;
    const noise = (volatile ? 0.1 : 0.04) * rng.normal();
    const activity = Math.exp(p.growthPerYear * years + ramp + p.beta * m + c + weekend + noise);
    const transactions = Math.max(1, Math.round(p.txs * activity));
    const senders = Math.min(
      transactions,
      Math.max(1, Math.round(transactions * p.sendersPerTx * Math.exp(0.05 * rng.normal() + 0.2 * m))),
    );
    const receivers = Math.min(
      transactions,
      Math.max(1, Math.round(transactions * p.receiversPerTx * Math.exp(0.05 * rng.normal()))),
    );
    // Congestion: fees per tx rise with the market and jump on volatile days.
    const feeNoise = (volatile ? 0.6 : 0.25) * rng.normal() + (volatile ? 0.5 : 0);
    const fees = transactions * p.feePerTx * Math.exp(1.2 * m + feeNoise);
    // Day-to-day value noise: calm days move ≈ 0.17 in log (std of daily log changes), volatile ones ≈ 0.57.
    const valueNoise = (volatile ? 0.4 : 0.12) * rng.normal();
    const transferred = transactions * p.valuePerTx * Math.exp(1.5 * m + valueNoise);
    const failNoise = 0.15 * rng.normal() + (volatile ? 0.4 : 0) + 0.3 * m;
    const success =
      p.success === null ? null : round(Math.min(1, Math.max(0, 1 - (1 - p.success) * Math.exp(failNoise))), 10);
    const gas = p.gasPerTx === null ? null : Math.round(transactions * p.gasPerTx * Math.exp(0.08 * rng.normal()));
    const calls =
      p.contractShare === null
        ? null
        : Math.min(transactions, Math.round(transactions * p.contractShare * Math.exp(0.04 * rng.normal())));
    return {
      day: date,
      transactions,
      active_senders: senders,
      active_receivers: receivers,
      success_rate: success,
      fees_native: round(fees, 9),
      transferred_native: round(transferred, 6),
      gas_used: gas,
      contract_calls: calls,
    };
  }

  /** Rows for [from, toExclusive), ascending, missing days absent. */
  rows(chain: FlipsideChain, from: IsoDate, toExclusive: IsoDate): SimDailyRow[] {
    const a = dayIndex(checkDate(from));
    const b = dayIndex(checkDate(toExclusive));
    const out: SimDailyRow[] = [];
    for (let i = Math.max(0, a); i < b; i++) {
      const r = this.row(chain, dateOfIndex(i));
      if (r) out.push(r);
    }
    return out;
  }
}

function checkDate(date: string): IsoDate {
  const d = IsoDateSchema.safeParse(date);
  if (!d.success) throw new WorkbenchError(`not a calendar date: ${JSON.stringify(date)}`, 'use YYYY-MM-DD');
  return d.data;
}
