import { type ChainDay, DERIVED_FIELDS, RAW_FIELDS } from '../chain';
import { directionOf, REQUIRED_SECTIONS } from '../contract';
import type { AttackContext } from './attack-types';

/**
 * Building blocks of the third held-out gaming set (heldout-gaming-3.ts): number formatting the
 * way the prompt prints it, a plain base answer the attacks decorate, and the answer block.
 * Written from the answer contract and the prompt templates only, never from the reward code;
 * it shares nothing with the first two sets so none of them can drift into another, and takes
 * only the chain room's field lists, as they do.
 */

export type Task = AttackContext['task'];
export type MetricKey = { [K in keyof ChainDay]-?: ChainDay[K] extends number | null ? K : never }[keyof ChainDay];
/** A growth forecast as fractions: point, low, high. */
export type Triple = readonly [point: number, low: number, high: number];
export type Section = readonly [heading: string, body: string];

/** Every numeric field of a chain-day, as the prompt's row block lists them (the chain room's lists, raw then derived). */
export const METRICS: readonly MetricKey[] = [...RAW_FIELDS, ...DERIVED_FIELDS];
/** The columns of the prompt's history table. */
export const HISTORY_COLS: readonly MetricKey[] = [
  'transactions',
  'activeSenders',
  'transferredNative',
  'txGrowth7dFrac',
  'userGrowth7dFrac',
  'volumeGrowth7dFrac',
];
const COUNTS = new Set<MetricKey>(['transactions', 'activeSenders', 'activeReceivers', 'contractCalls']);
export const FRACS = new Set<MetricKey>([
  'successRate',
  'txGrowth7dFrac',
  'userGrowth7dFrac',
  'volumeGrowth7dFrac',
  'contractCallFrac',
]);
const SIGNED = new Set<MetricKey>(['txGrowth7dFrac', 'userGrowth7dFrac', 'volumeGrowth7dFrac']);

// ---------- numbers as the prompt prints them ----------
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const r3 = (x: number): number => Math.round(x * 1000) / 1000;
export const cnt = (x: number): string => Math.round(x).toLocaleString('en-US');
export function amt(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1e5) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 1) return x.toLocaleString('en-US', { maximumSignificantDigits: 6 });
  return String(Number(x.toPrecision(4)));
}
export function pct(frac: number, signed = true): string {
  const p = frac * 100;
  return `${p < 0 ? '-' : signed && p > 0 ? '+' : ''}${Math.abs(p).toFixed(1)}%`;
}
/** A metric's value in the prompt's style (percent for fractions, 3 decimals for logs). */
export function fm(m: MetricKey, v: number): string {
  if (FRACS.has(m)) return pct(v, SIGNED.has(m));
  if (m.endsWith('Log')) return v.toFixed(3);
  return COUNTS.has(m) ? cnt(v) : amt(v);
}
export const num = (row: ChainDay, m: MetricKey): number | null => {
  const v = row[m];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
export const show = (row: ChainDay, m: MetricKey): string => {
  const v = num(row, m);
  return v === null ? 'not available' : fm(m, v);
};
export const pick = <T>(xs: readonly T[], i: number): T => xs[Math.abs(Math.trunc(i)) % xs.length] as T;
export const regimeOf = (row: ChainDay): string => row.regime?.label ?? 'not available';
/** The row's metrics that have a value, or one stand-in so an all-null row still builds. */
export function knownOr(row: ChainDay): [MetricKey, number][] {
  const k = METRICS.flatMap((m): [MetricKey, number][] => {
    const v = num(row, m);
    return v === null ? [] : [[m, v]];
  });
  return k.length ? k : [['transactions', 180_000]];
}
/** A metric's non-null values in the history, oldest first, with their dates. */
export function series(ctx: AttackContext, m: MetricKey): { date: string; v: number }[] {
  return ctx.history.flatMap((r) => {
    const v = num(r, m);
    return v === null || r.missing ? [] : [{ date: r.date, v }];
  });
}
/** The history's values of a metric followed by today's, or a fabricated pair when there is none. */
export function seriesWithToday(ctx: AttackContext, m: MetricKey): { date: string; v: number }[] {
  const s = series(ctx, m);
  const t = num(ctx.row, m);
  if (t !== null) s.push({ date: ctx.row.date, v: t });
  return s.length >= 2
    ? s
    : [
        { date: 'the first day', v: 170_000 },
        { date: ctx.row.date, v: 180_000 },
      ];
}

// ---------- a plain forecast and the answer block ----------
/** Mild mean reversion of the last week's move; 90% half-width 1.645 × 1.5 σ_daily (a plain guess, bounded). */
export function plainTriple(growth: number | null, vol: number | null): Triple {
  const p = r3(clamp(-0.25 * (growth ?? 0), -0.15, 0.15));
  const h = r3(clamp(1.645 * 1.5 * (vol ?? 0.08), 0.04, 0.5));
  return [p, r3(Math.max(-0.95, p - h)), r3(p + h)];
}
export const usersKnown = (row: ChainDay): boolean => row.activeSenders !== null;
export function plainForecast(row: ChainDay): { tx: Triple; users: Triple | null } {
  const vol = num(row, 'txVolatility7dLog');
  return {
    tx: plainTriple(num(row, 'txGrowth7dFrac'), vol),
    users: usersKnown(row) ? plainTriple(num(row, 'userGrowth7dFrac'), vol) : null,
  };
}
export interface BlockOpts {
  dirTx?: string;
  dirUsers?: string;
}
/** A well-formed answer block (users null exactly when the chain reports none). */
export function block(row: ChainDay, tx: Triple, users: Triple | null, o: BlockOpts = {}): string {
  const u = usersKnown(row) ? (users ?? tx) : null;
  const obj = {
    direction_tx: o.dirTx ?? directionOf(tx[0]),
    tx_growth_7d: { point: tx[0], low: tx[1], high: tx[2] },
    direction_users: u === null ? null : (o.dirUsers ?? directionOf(u[0])),
    user_growth_7d: u === null ? null : { point: u[0], low: u[1], high: u[2] },
  };
  const fence = '```';
  return `${fence}json\n${JSON.stringify(obj)}\n${fence}`;
}
/** The block a prediction answer ends with ('' for the other tasks, where it is optional). */
export function endBlock(ctx: AttackContext, tx?: Triple, users?: Triple | null, o?: BlockOpts): string {
  if (ctx.task !== 'predict7d') return '';
  const f = plainForecast(ctx.row);
  return block(ctx.row, tx ?? f.tx, users === undefined ? f.users : users, o);
}

// ---------- a plain base answer ----------
export const headings = (task: Task): readonly string[] => REQUIRED_SECTIONS[task] ?? [];
/** The section holding the outlook: Forecast for predictions, else the last one. */
export const outlookOf = (task: Task): string =>
  task === 'predict7d' ? 'Forecast' : (headings(task)[headings(task).length - 1] ?? 'Findings');
/** The section holding calculations: Calculations where the task has one, else the second section. */
export const calcOf = (task: Task): string =>
  headings(task).includes('Calculations') ? 'Calculations' : (headings(task)[1] ?? 'Observations');

function plainBody(ctx: AttackContext, h: string): string {
  const row = ctx.row;
  const tx = num(row, 'transactions') ?? 180_000;
  const f = plainForecast(row);
  const failed = num(row, 'successRate') === null ? null : tx * (1 - (num(row, 'successRate') as number));
  switch (h) {
    case 'Observations':
      return `${row.chain} on ${row.date}: ${show(row, 'transactions')} transactions, ${show(row, 'activeSenders')} active senders, \`txGrowth7dFrac\` ${show(row, 'txGrowth7dFrac')}, \`userGrowth7dFrac\` ${show(row, 'userGrowth7dFrac')}, \`txVolatility7dLog\` ${show(row, 'txVolatility7dLog')}, regime ${regimeOf(row)}.`;
    case 'Calculations':
      return failed === null
        ? 'successRate is not available, so failed transactions cannot be computed.'
        : `failed transactions = ${cnt(tx)} × (1 − ${show(row, 'successRate')}) = ${cnt(failed)}`;
    case 'Forecast':
      return `Transactions: ${pct(f.tx[0])} ± ${pct(f.tx[2] - f.tx[0], false)} (90% CI), assuming part of last week's move reverts.${f.users ? ` Users: [${pct(f.users[1])}, ${pct(f.users[2])}] (90% CI).` : ' Users are not available for this chain.'}`;
    case 'Risks':
      return `- Falling activity (medium): confirmed if transactions stay below ${cnt(tx * 0.9)} for three days.`;
    case 'Findings':
      return `Activity moved ${show(row, 'txGrowth7dFrac')} over 7 days in a ${regimeOf(row)} regime.`;
    case 'Monitoring':
      return `Watch whether transactions hold above ${cnt(tx * 0.9)}.`;
    case 'Opportunities':
      return `Activity at ${show(row, 'transactions')} transactions could attract builders if growth holds.`;
    case 'Invalidation':
      return `Invalidated if transactions fall below ${cnt(tx * 0.9)}.`;
    default:
      return '';
  }
}
export const plainSections = (ctx: AttackContext): Section[] =>
  headings(ctx.task).map((h) => [h, plainBody(ctx, h)] as const);
/** Sections with `text` appended to the section named `at` (the last one when it is not there). */
export function appendTo(secs: readonly Section[], at: string, text: string): Section[] {
  const k = secs.findIndex(([h]) => h === at);
  const j = k >= 0 ? k : secs.length - 1;
  return secs.map(([h, b], i) => (i === j ? [h, `${b}\n\n${text}`] : [h, b]) as Section);
}
export const replaceBody = (secs: readonly Section[], at: string, body: string): Section[] =>
  secs.map(([h, b]) => [h, h === at ? body : b] as Section);
export const render = (secs: readonly Section[], ...tail: string[]): string =>
  [...secs.map(([h, b]) => `## ${h}\n\n${b}`), ...tail].filter(Boolean).join('\n\n');

// ---------- small statistics of the history ----------
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const sd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
/** Transactions of the history and today, or a stand-in pair (never throws on an empty history). */
export const txSeries = (ctx: AttackContext) => seriesWithToday(ctx, 'transactions');
/** Today's transactions against the history's mean, the 3-day change and the change from the window's low. */
export function trendNumbers(ctx: AttackContext): { lines: string[]; sign: number; change: number } {
  const s = txSeries(ctx);
  const vs = s.map((p) => p.v);
  const today = vs[vs.length - 1] as number;
  const earlier = vs.slice(0, -1);
  const m = mean(earlier);
  const back3 = vs[Math.max(0, vs.length - 4)] as number;
  const low = Math.min(...earlier);
  const vsMean = m > 0 ? today / m - 1 : 0;
  const d3 = back3 > 0 ? today / back3 - 1 : 0;
  const fromLow = low > 0 ? today / low - 1 : 0;
  const lines = [
    `mean transactions of the ${earlier.length} earlier days = ${cnt(m)}; today / mean − 1 = ${cnt(today)} / ${cnt(m)} − 1 = ${pct(vsMean)}`,
    `3-day change = ${cnt(today)} / ${cnt(back3)} − 1 = ${pct(d3)}`,
    `change from the window's low = ${cnt(today)} / ${cnt(low)} − 1 = ${pct(fromLow)}`,
  ];
  // The direction the numbers point to: the sign of their sum; `change` is the largest of them in size.
  const change = [vsMean, d3, fromLow].reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  return { lines, sign: vsMean + d3 + fromLow >= 0 ? 1 : -1, change };
}
