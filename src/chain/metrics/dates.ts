import { WorkbenchError } from '../../core/errors';
import { IsoDateSchema, type IsoDate } from '../daily';

/** UTC calendar-day arithmetic on ISO dates (no local time zone anywhere). */
const DAY_MS = 86_400_000;
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function toMs(d: IsoDate): number {
  return Date.parse(`${d}T00:00:00Z`);
}

function fromMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `d` shifted by `n` days (negative goes back). */
export function addDays(d: IsoDate, n: number): IsoDate {
  return fromMs(toMs(d) + n * DAY_MS);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** Every day of [from, to], both included; empty when to < from. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const n = daysBetween(from, to);
  const out: IsoDate[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** A validated ISO date (YYYY-MM-DD, a real calendar day), or a WorkbenchError naming the field. */
export function checkIsoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value)) {
    throw new WorkbenchError(
      `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      'pass an ISO date such as 2025-03-01',
    );
  }
  return value;
}

/**
 * IsoDateSchema's test without its throw: its calendar refine runs `toISOString()` even after
 * the regex failed, which throws a RangeError on non-dates ("2024-13-45", "x").
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_SHAPE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    return false;
  return IsoDateSchema.safeParse(value).success;
}
