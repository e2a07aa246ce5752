import { WorkbenchError } from '../../core/errors';
import type { ChainId } from '../../chain';
import type { IsoDate } from '../../chain';
import { addDays, dateRange } from '../../chain';
import { ChainDaySchema, type ChainDay } from '../../chain';

/**
 * The only way rows reach a prompt: filtered by date first. ISO dates compare as strings, so
 * `r.date <= asOf` is the calendar order; the result is checked again before it is returned.
 */
export function rowsAsOf<T extends { date: string }>(rows: readonly T[], asOf: IsoDate): T[] {
  const kept = rows.filter((r) => r.date <= asOf);
  const late = kept.find((r) => !(r.date <= asOf));
  if (late) throw new Error(`rowsAsOf: a row dated ${late.date} passed the ${asOf} cut`);
  return kept;
}

/**
 * A chain's rows in the `days` days strictly before `date` (validated; rows of other chains and
 * anything on or after `date` dropped), sorted by date. Two rows for one day are an error.
 * Only rows of the chain inside the window are validated, so a long history stays cheap.
 */
export function historyBefore(rows: readonly unknown[], chain: ChainId, date: IsoDate, days: number): ChainDay[] {
  const first = addDays(date, -days);
  const candidates = rows.filter((r, i) => {
    if (typeof r !== 'object' || r === null)
      throw new WorkbenchError(`history row ${i} is not an object`, 'pass rows produced by the chain metrics stage');
    const { chain: c, date: d } = r as { chain?: unknown; date?: unknown };
    return c === chain && typeof d === 'string' && d >= first && d < date;
  });
  const parsed = candidates.map((r) => {
    const p = ChainDaySchema.safeParse(r);
    if (!p.success)
      throw new WorkbenchError(
        `history row of ${chain} is not a valid ChainDay: ${p.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        'pass rows produced by the chain metrics stage',
      );
    return p.data;
  });
  const before = rowsAsOf(parsed, addDays(date, -1));
  const seen = new Set<string>();
  for (const r of before) {
    if (seen.has(r.date))
      throw new WorkbenchError(`two history rows for ${chain} on ${r.date}`, 'pass each chain-day once');
    seen.add(r.date);
  }
  return before.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Each day of the `days` days before `date`, with its row or null when none was given. */
export function historySpine(
  history: readonly ChainDay[],
  date: IsoDate,
  days: number,
): { date: IsoDate; row: ChainDay | null }[] {
  const byDate = new Map(history.map((r) => [r.date, r]));
  return dateRange(addDays(date, -days), addDays(date, -1)).map((d) => ({ date: d, row: byDate.get(d) ?? null }));
}
