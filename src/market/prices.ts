import { z } from 'zod';
import { readInputText, WorkbenchError } from '../core';

/** One daily (or hourly) bar; `date` is ISO (YYYY-MM-DD, or YYYY-MM-DDTHH:mm for intraday). */
export const BarSchema = z.object({
  date: z.string(),
  open: z.number().finite().positive(),
  high: z.number().finite().positive(),
  low: z.number().finite().positive(),
  close: z.number().finite().positive(),
  volume: z.number().finite().nonnegative().nullable(),
});
export type Bar = z.infer<typeof BarSchema>;

export const DateFormatSchema = z.enum(['auto', 'iso', 'mdy', 'dmy']);
export type DateFormat = z.infer<typeof DateFormatSchema>;

/** Which CSV header holds each field (case-insensitive); defaults fit the Kaggle files in data/fixtures/prices. */
export const ColumnMapSchema = z.object({
  date: z.string().default('date'),
  open: z.string().default('open'),
  high: z.string().default('high'),
  low: z.string().default('low'),
  close: z.string().default('close'),
  volume: z.string().default('volume'),
  symbol: z.string().default('crypto'),
});
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

export const LoadOptionsSchema = z.object({
  columns: ColumnMapSchema.partial().default({}),
  dateFormat: DateFormatSchema.default('auto'),
  /** Two-digit years are 20YY below this pivot, 19YY from it. */
  twoDigitYearPivot: z.number().int().min(0).max(99).default(70),
});
export type LoadOptions = z.input<typeof LoadOptionsSchema>;

/** What the loader found and did: duplicates are dropped (first kept) and gaps reported, never filled. */
export interface PriceReport {
  source: string;
  rows: number;
  /** Input order as found: ascending, descending (newest first) or mixed (e.g. blocks of years). */
  order: 'ascending' | 'descending' | 'mixed';
  duplicates: { date: string; kept: 'first'; identical: boolean }[];
  /** Calendar days missing between consecutive bars (daily data only). */
  gaps: { after: string; before: string; missingDays: number }[];
  /** Bars whose high/low do not bracket open and close (kept as published: a few exist in real data). */
  inconsistent: string[];
  first: string;
  last: string;
}

export interface PriceSeries {
  symbol: string;
  bars: Bar[];
  report: PriceReport;
}

function parseDate(raw: string, fmt: DateFormat, pivot: number, where: string): string {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(s);
  if (iso && (fmt === 'auto' || fmt === 'iso'))
    return iso[4] ? `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}` : `${iso[1]}-${iso[2]}-${iso[3]}`;
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (parts && fmt !== 'iso') {
    const [a, b] = [Number(parts[1]), Number(parts[2])];
    // auto reads slashes as US month/day (the Kaggle files); a first field > 12 can only be a day.
    const dayFirst = fmt === 'dmy' || (fmt === 'auto' && a > 12);
    const [month, day] = dayFirst ? [b, a] : [a, b];
    let year = Number(parts[3]);
    if (parts[3]?.length === 2) year += year < pivot ? 2000 : 1900;
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return d.toISOString().slice(0, 10);
  }
  throw new WorkbenchError(
    `${where}: cannot read the date ${JSON.stringify(raw)} as ${fmt}`,
    'pass --date-format iso|mdy|dmy matching the file (YYYY-MM-DD, M/D/YY, D/M/YY)',
  );
}

function splitCsvLine(line: string): string[] {
  // Price CSVs carry no quoted commas; quotes around fields are stripped.
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

const dayMs = 86_400_000;

/** Reads an OHLC(V) CSV in any row order into ascending bars, with what it found reported. */
export function parsePriceCsv(text: string, source: string, options: LoadOptions = {}): PriceSeries {
  const o = LoadOptionsSchema.parse(options);
  const cols = ColumnMapSchema.parse(o.columns);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2)
    throw new WorkbenchError(`${source} has no data rows`, 'pass a CSV with a header and at least one row');
  const header = splitCsvLine(lines[0] as string).map((h) =>
    h
      .toLowerCase()
      .replace(/\(.*\)$/, '')
      .trim(),
  );
  const idx = (name: string) => header.indexOf(name.toLowerCase());
  for (const k of ['date', 'open', 'high', 'low', 'close'] as const) {
    if (idx(cols[k]) < 0)
      throw new WorkbenchError(
        `${source}: no column ${JSON.stringify(cols[k])} (for ${k}); header is ${header.join(',')}`,
        `map it with --columns ${k}=NAME`,
      );
  }
  const iVol = idx(cols.volume);
  const iSym = idx(cols.symbol);
  const raw: Bar[] = [];
  let symbol = '';
  for (let i = 1; i < lines.length; i++) {
    const c = splitCsvLine(lines[i] as string);
    const where = `${source} line ${i + 1}`;
    const num = (k: 'open' | 'high' | 'low' | 'close') => Number(c[idx(cols[k])]);
    const bar = BarSchema.safeParse({
      date: parseDate(c[idx(cols.date)] ?? '', o.dateFormat, o.twoDigitYearPivot, where),
      open: num('open'),
      high: num('high'),
      low: num('low'),
      close: num('close'),
      volume: iVol >= 0 && c[iVol] !== '' ? Number(c[iVol]) : null,
    });
    if (!bar.success)
      throw new WorkbenchError(
        `${where}: ${bar.error.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`,
        'prices must be positive numbers',
      );
    if (iSym >= 0 && !symbol) symbol = c[iSym] ?? '';
    raw.push(bar.data);
  }
  return orderBars(raw, symbol || source.replace(/^.*\//, '').replace(/[-_.].*$/, ''), source);
}

/** Sorts bars ascending, drops later duplicates of a date, and reports order, duplicates and gaps. */
export function orderBars(raw: readonly Bar[], symbol: string, source: string): PriceSeries {
  let asc = true;
  let desc = true;
  for (let i = 1; i < raw.length; i++) {
    const a = (raw[i - 1] as Bar).date;
    const b = (raw[i] as Bar).date;
    if (b < a) asc = false;
    if (b > a) desc = false;
  }
  const byDate = new Map<string, Bar>();
  const duplicates: PriceReport['duplicates'] = [];
  for (const bar of raw) {
    const prev = byDate.get(bar.date);
    if (prev)
      duplicates.push({ date: bar.date, kept: 'first', identical: JSON.stringify(prev) === JSON.stringify(bar) });
    else byDate.set(bar.date, bar);
  }
  const bars = [...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const gaps: PriceReport['gaps'] = [];
  const daily = bars.every((b) => b.date.length === 10);
  for (let i = 1; daily && i < bars.length; i++) {
    const a = (bars[i - 1] as Bar).date;
    const b = (bars[i] as Bar).date;
    const missing = Math.round((Date.parse(b) - Date.parse(a)) / dayMs) - 1;
    if (missing > 0) gaps.push({ after: a, before: b, missingDays: missing });
  }
  const inconsistent = bars
    .filter((b) => b.high < Math.max(b.open, b.close, b.low) || b.low > Math.min(b.open, b.close))
    .map((b) => b.date);
  if (bars.length === 0) throw new WorkbenchError(`${source} has no bars`, 'pass a file with at least one row');
  return {
    symbol,
    bars,
    report: {
      source,
      rows: raw.length,
      order: asc ? 'ascending' : desc ? 'descending' : 'mixed',
      duplicates,
      gaps,
      inconsistent,
      first: (bars[0] as Bar).date,
      last: (bars[bars.length - 1] as Bar).date,
    },
  };
}

export function loadPriceCsv(path: string, options: LoadOptions = {}): PriceSeries {
  const text = readInputText(path, 'price file', 'pass an OHLC CSV, e.g. data/fixtures/prices/BTC-daily.csv');
  return parsePriceCsv(text, path, options);
}
