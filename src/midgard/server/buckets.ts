import { HttpStatusError } from '../../serve';
import { HISTORY_INTERVALS, MAX_HISTORY_COUNT, type HistoryInterval } from '../history-schema';

/**
 * Midgard's time buckets for the history endpoints, in Unix seconds, UTC. Fixed intervals are
 * aligned to the epoch, weeks start on Monday, months/quarters/years on calendar boundaries.
 */
const FIXED: Partial<Record<HistoryInterval, number>> = { '5min': 300, hour: 3600, day: 86_400 };
const MONDAY_0 = 4 * 86_400; // 1970-01-05, the first Monday after the epoch
const WEEK = 7 * 86_400;

/** Start of the bucket that contains `t`. */
export function bucketStart(t: number, interval: HistoryInterval): number {
  const step = FIXED[interval];
  if (step) return Math.floor(t / step) * step;
  if (interval === 'week') return MONDAY_0 + Math.floor((t - MONDAY_0) / WEEK) * WEEK;
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const m =
    interval === 'month' ? d.getUTCMonth() : interval === 'quarter' ? d.getUTCMonth() - (d.getUTCMonth() % 3) : 0;
  return Date.UTC(y, m, 1) / 1000;
}

/** Start of the bucket after the one starting at `start`. */
export function bucketNext(start: number, interval: HistoryInterval): number {
  const step = FIXED[interval];
  if (step) return start + step;
  if (interval === 'week') return start + WEEK;
  const d = new Date(start * 1000);
  const months = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / 1000;
}

/** Start of the first bucket at or after `t` (`to` rounded up to a boundary). */
function bucketCeil(t: number, interval: HistoryInterval): number {
  const s = bucketStart(t, interval);
  return s === t ? s : bucketNext(s, interval);
}

function bucketPrev(start: number, interval: HistoryInterval): number {
  return bucketStart(start - 1, interval);
}

export type Bucket = readonly [start: number, end: number];

function uint(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  if (!/^\d{1,12}$/.test(v)) throw new HttpStatusError(400, `${key} must be a Unix timestamp or count, got "${v}"`);
  return Number(v);
}

/**
 * The buckets a history request asks for, with Midgard's semantics. With `interval`: from/to
 * rounded out to boundaries; from+to = the buckets between (the first 400), from+count = the
 * next `count`, to+count = the last `count` before `to`, count alone = the last `count` up to
 * now; from defaults to the start of the chain and to to now. Without: one bucket [from, to].
 * This stand-in returns no bucket before the chain's first one or after the current one
 * (which may still be running: its end lies past `now`).
 */
export function resolveBuckets(q: URLSearchParams, chain: { genesis: number; now: number }): Bucket[] {
  const raw = q.get('interval');
  const from = uint(q, 'from');
  const to = uint(q, 'to');
  const count = uint(q, 'count');
  if (from !== undefined && to !== undefined && from > to) throw new HttpStatusError(400, 'from must not be after to');
  if (raw === null || raw === '') {
    if (count !== undefined) throw new HttpStatusError(400, 'count needs an interval');
    return [[from ?? chain.genesis, to ?? chain.now]];
  }
  if (!(HISTORY_INTERVALS as readonly string[]).includes(raw))
    throw new HttpStatusError(400, `interval must be one of ${HISTORY_INTERVALS.join(', ')}`);
  const interval = raw as HistoryInterval;
  if (count !== undefined && (count < 1 || count > MAX_HISTORY_COUNT))
    throw new HttpStatusError(400, `count must be between 1 and ${MAX_HISTORY_COUNT}`);
  if (count !== undefined && from !== undefined && to !== undefined)
    throw new HttpStatusError(400, 'give at most two of from, to, count');
  const first = bucketStart(chain.genesis, interval);
  const end = bucketNext(bucketStart(chain.now, interval), interval);
  const out: [number, number][] = [];
  if (count !== undefined && from === undefined) {
    // Walk back from `to` (or from now).
    let e = Math.min(to === undefined ? end : bucketCeil(to, interval), end);
    while (out.length < count && e > first) {
      const s = bucketPrev(e, interval);
      out.unshift([s, e]);
      e = s;
    }
    return out;
  }
  const limit = count ?? MAX_HISTORY_COUNT;
  const stop = Math.min(to === undefined ? end : bucketCeil(to, interval), end);
  for (
    let s = Math.max(bucketStart(from ?? chain.genesis, interval), first);
    s < stop && out.length < limit;
    s = bucketNext(s, interval)
  ) {
    out.push([s, bucketNext(s, interval)]);
  }
  return out;
}
