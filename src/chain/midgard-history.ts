import { isWorkbenchError, WorkbenchError } from '../core/errors';
import type { EarningsHistory, HistoryQuery, MidgardHealth, SwapHistory } from '../midgard';
import { checkChains, type MidgardChain } from './chains';
import { DailyAggregateSchema, type DailyAggregate, type IsoDate } from './daily';
import { checkIsoDate } from './metrics/dates';
import type { FetchEvents } from './source';

/**
 * Daily aggregates of Maya and THORChain from Midgard's free, keyless network history:
 * `/v2/history/swaps` (swap count, swap volume) and `/v2/history/earnings` (liquidity fees),
 * `interval=day`, at most 400 days a request.
 *
 * What a row means (source "midgard"):
 * - transactions = Midgard's swap count (`totalCount`): swap events, one per pool leg (a double
 *   swap asset → asset is two) and one per streaming sub-swap; not user swaps, not other actions;
 * - transferredNative = swap volume (`totalVolume`) in whole CACAO (Maya, 1e10 base units) or
 *   RUNE (THORChain, 1e8), every leg counted;
 * - feesNative = liquidity fees (earnings `liquidityFees`), same unit; null when the earnings
 *   history lacks the day;
 * - activeSenders/activeReceivers = null: the history endpoints report no unique swappers
 *   (`uniqueSwapperCount` exists only per pool and period, in `/v2/pool/{asset}/stats`);
 * - successRate, gasUsed, contractCalls = null (not defined for these chains).
 * Only complete UTC days count: a day is complete once Midgard's `lastAggregated` time (from
 * `/v2/health`) has passed its end. A day Midgard does not return is absent, never zero-filled.
 */
export const NATIVE_DECIMALS: Readonly<Record<MidgardChain, number>> = { maya: 10, thorchain: 8 };
const DAY = 86_400;
const MAX_PAGE_DAYS = 400;

/** What this module needs of a MidgardClient (any object with these methods will do). */
export interface MidgardHistoryClient {
  readonly baseUrl: string;
  health(signal?: AbortSignal): Promise<MidgardHealth>;
  swapsHistory(q: HistoryQuery, signal?: AbortSignal): Promise<SwapHistory>;
  earningsHistory(q: HistoryQuery, signal?: AbortSignal): Promise<EarningsHistory>;
}

export interface MidgardHistoryOptions extends FetchEvents {
  signal?: AbortSignal;
  /** Days per request, 1..400 (Midgard's `count` limit). Default 400. */
  pageDays?: number;
}

/** A failed fetch, naming chain, days and endpoint; the rows of earlier pages come with it. */
export class MidgardHistoryError extends WorkbenchError {
  constructor(
    message: string,
    hint: string | undefined,
    readonly chain: MidgardChain,
    readonly days: { from: IsoDate; toExclusive: IsoDate },
    readonly endpoint: string,
    readonly rowsSoFar: DailyAggregate[],
  ) {
    super(message, hint);
    this.name = 'MidgardHistoryError';
  }
}

/**
 * An unsigned base-unit amount as a number of whole native units: the decimal point is placed
 * in the digit string, which JavaScript then rounds once (correctly) to the nearest double.
 */
export function baseUnitsToNative(amount: string, decimals: number): number {
  if (!/^\d+$/.test(amount)) throw new WorkbenchError(`not an unsigned base-unit amount: "${amount}"`);
  const digits = amount.replace(/^0+(?=\d)/, '').padStart(decimals + 1, '0');
  return Number(`${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals) || '0'}`);
}

const toSec = (d: IsoDate): number => Date.parse(`${d}T00:00:00Z`) / 1000;
const toDay = (sec: number): IsoDate => new Date(sec * 1000).toISOString().slice(0, 10);

/** The end (exclusive) of the complete days Midgard has: the UTC midnight at or before lastAggregated. */
function aggregatedUntil(h: MidgardHealth): number {
  const t = h.lastAggregated?.timestamp ?? h.lastCommitted?.timestamp;
  const sec = t !== undefined && t > 0 ? t : Math.floor(Date.now() / 1000);
  return Math.floor(sec / DAY) * DAY;
}

/** Checks a day interval's times and returns its date; throws a message naming the day. */
function intervalDate(startTime: string, endTime: string, endpoint: string): IsoDate {
  const s = Number(startTime);
  const e = Number(endTime);
  if (s % DAY !== 0 || e - s !== DAY) {
    throw new WorkbenchError(
      `${endpoint}: interval ${startTime}..${endTime} (day ${toDay(s)}) is not one whole UTC day`,
    );
  }
  return toDay(s);
}

function checkRow(row: DailyAggregate, endpoint: string): DailyAggregate {
  const r = DailyAggregateSchema.safeParse(row);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new WorkbenchError(`${endpoint}: day ${row.date}: ${i?.path.join('.')}: ${i?.message}`);
}

/** Rows of one page: a row per swap-history day in [from, to); fees from the earnings day. */
function pageRows(
  chain: MidgardChain,
  from: number,
  to: number,
  swaps: SwapHistory,
  earnings: EarningsHistory,
): DailyAggregate[] {
  const dec = NATIVE_DECIMALS[chain];
  const fees = new Map<IsoDate, string>();
  for (const e of earnings.intervals) {
    if (Number(e.startTime) < from || Number(e.startTime) >= to) continue;
    fees.set(intervalDate(e.startTime, e.endTime, '/v2/history/earnings'), e.liquidityFees);
  }
  const rows = new Map<IsoDate, DailyAggregate>();
  for (const s of swaps.intervals) {
    if (Number(s.startTime) < from || Number(s.startTime) >= to) continue;
    const date = intervalDate(s.startTime, s.endTime, '/v2/history/swaps');
    // Units follow the host, not the request: a Maya Midgard (CACAO, 1e10) read as THORChain would be 100× off.
    if (chain === 'thorchain' && s.cacaoPriceUSD !== undefined) {
      throw new WorkbenchError(
        `/v2/history/swaps: day ${date} is priced in cacaoPriceUSD: this is a Maya Midgard (CACAO, 1e10), not THORChain's`,
        'point thorchain at a THORChain Midgard',
      );
    }
    if (rows.has(date)) throw new WorkbenchError(`/v2/history/swaps: day ${date} appears twice`);
    const fee = fees.get(date);
    const row = checkRow(
      {
        chain,
        date,
        source: 'midgard',
        transactions: Number(s.totalCount),
        activeSenders: null,
        activeReceivers: null,
        successRate: null,
        feesNative: fee === undefined ? null : baseUnitsToNative(fee, dec),
        transferredNative: baseUnitsToNative(s.totalVolume, dec),
        gasUsed: null,
        contractCalls: null,
      },
      '/v2/history/swaps',
    );
    if (!Number.isSafeInteger(row.transactions))
      throw new WorkbenchError(`/v2/history/swaps: day ${date}: totalCount ${s.totalCount} is not a safe integer`);
    rows.set(date, row);
  }
  return [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Raw daily aggregates of a Midgard chain for the complete UTC days in [from, toExclusive).
 * Unknown chains and bad dates are refused before any request; a failure names the chain, the
 * days and the endpoint and carries the rows of the pages already fetched.
 */
export async function midgardDailyAggregates(
  client: MidgardHistoryClient,
  chain: MidgardChain,
  from: IsoDate,
  toExclusive: IsoDate,
  opts: MidgardHistoryOptions = {},
): Promise<DailyAggregate[]> {
  checkChains('midgard', [chain]);
  checkIsoDate(from, 'from');
  checkIsoDate(toExclusive, 'toExclusive');
  if (!(from < toExclusive))
    throw new WorkbenchError(
      `empty window: from ${from} is not before toExclusive ${toExclusive}`,
      'toExclusive is the day after the last day wanted',
    );
  const pageDays = opts.pageDays ?? MAX_PAGE_DAYS;
  if (!Number.isInteger(pageDays) || pageDays < 1 || pageDays > MAX_PAGE_DAYS)
    throw new WorkbenchError(`pageDays must be 1..${MAX_PAGE_DAYS}, got ${pageDays}`);
  const rows: DailyAggregate[] = [];
  const fail = (e: unknown, days: { from: IsoDate; toExclusive: IsoDate }, endpoint: string): never => {
    if (opts.signal?.aborted) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const hint = isWorkbenchError(e) ? e.hint : undefined;
    const what = `Midgard ${chain} ${days.from}..${days.toExclusive} (exclusive) ${endpoint} at ${client.baseUrl}`;
    throw new MidgardHistoryError(
      `${what}: ${msg}`,
      hint ?? 'check the base URL and the dates; the rows of earlier pages are in rowsSoFar',
      chain,
      days,
      endpoint,
      [...rows],
    );
  };
  const whole = { from, toExclusive };
  const health = await client.health(opts.signal).catch((e: unknown) => fail(e, whole, '/v2/health'));
  const end = Math.min(toSec(toExclusive), aggregatedUntil(health));
  for (let ws = toSec(from); ws < end; ws += pageDays * DAY) {
    const we = Math.min(ws + pageDays * DAY, end);
    const days = { from: toDay(ws), toExclusive: toDay(we) };
    const label = `${chain} ${days.from}..${days.toExclusive}`;
    const q: HistoryQuery = { interval: 'day', from: ws, to: we };
    opts.onQuery?.({ chain, label, state: 'swaps' });
    const swaps = await client.swapsHistory(q, opts.signal).catch((e: unknown) => fail(e, days, '/v2/history/swaps'));
    opts.onQuery?.({ chain, label, state: 'earnings' });
    const earnings = await client
      .earningsHistory(q, opts.signal)
      .catch((e: unknown) => fail(e, days, '/v2/history/earnings'));
    try {
      rows.push(...pageRows(chain, ws, we, swaps, earnings));
    } catch (e) {
      fail(e, days, '/v2/history/swaps+earnings');
    }
    opts.onQuery?.({ chain, label, state: 'done' });
  }
  return rows;
}
