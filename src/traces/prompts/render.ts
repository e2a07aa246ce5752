import { WorkbenchError } from '../../core/errors';
import { CHAIN_INFO, type ChainId } from '../../chain';
import type { IsoDate } from '../../chain';
import { crossChainCorrelations } from '../../chain';
import { addDays } from '../../chain';
import type { MetricName } from '../../chain';
import { ChainDaySchema, DERIVED_FIELDS, RAW_FIELDS, type ChainDay } from '../../chain';
import { displayUnit, formatCell, metricLine } from './format';
import { historyBefore, historySpine, rowsAsOf } from './history';
import { crossChainTaskText, taskText } from './templates';
import {
  CROSS_CHAIN,
  HISTORY_DAYS,
  PROMPT_VERSION,
  SAMPLING_DEFAULTS,
  type Sampling,
  type SingleChainTask,
  type Task,
} from './version';

export type RenderRequest =
  | { task: SingleChainTask; row: unknown; history?: readonly unknown[]; historyDays?: number }
  | { task: 'crossChain'; rows: readonly unknown[]; history?: readonly unknown[]; historyDays?: number };

export interface UserMessage {
  role: 'user';
  content: string;
}

export interface RenderedPrompt {
  promptVersion: string;
  task: Task;
  chain: ChainId | typeof CROSS_CHAIN;
  date: IsoDate;
  input: ChainDay | ChainDay[];
  /** The earlier rows the prompt shows (all strictly before `date`); re-rendering from them gives the same text. */
  history: ChainDay[];
  /** One user message, no system prompt (R1 guidance). */
  messages: [UserMessage];
  sampling: Sampling;
}

/** A row a prompt may be rendered from: a valid ChainDay of a day that has data. */
export function checkRow(value: unknown, what = 'row'): ChainDay {
  const p = ChainDaySchema.safeParse(value);
  if (!p.success) {
    const issues = p.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
    throw new WorkbenchError(
      `${what} is not a valid ChainDay: ${issues}`,
      'render prompts only from rows written by `workbench chain collect` (undefined, NaN and mis-typed values are refused)',
    );
  }
  if (p.data.missing)
    throw new WorkbenchError(
      `${what} (${p.data.chain} ${p.data.date}) is a missing day: the source had no data`,
      'prompts are rendered only for days with data; skip missing rows',
    );
  return p.data;
}

/** Whether a row reports users (active senders), so the prediction asks for user growth. */
export function usersAvailable(row: ChainDay): boolean {
  return row.activeSenders !== null;
}

const ROW_METRICS: readonly MetricName[] = [...RAW_FIELDS, ...DERIVED_FIELDS];
const HISTORY_COLUMNS: readonly MetricName[] = [
  'transactions',
  'activeSenders',
  'transferredNative',
  'txGrowth7dFrac',
  'userGrowth7dFrac',
  'volumeGrowth7dFrac',
];

function regimeLine(row: ChainDay): string {
  return row.regime
    ? `- regime: ${row.regime.label} — ${row.regime.rule}`
    : `- regime: not available (${row.regimeReason ?? 'no label'})`;
}

function rowBlock(row: ChainDay): string {
  const info = CHAIN_INFO[row.chain];
  return [
    `## ${row.chain}, ${row.date} (${info.family} family; amounts in ${info.nativeUnit})`,
    ...ROW_METRICS.map((m) => metricLine(row, m)),
    regimeLine(row),
  ].join('\n');
}

function historyTable(chain: ChainId, date: IsoDate, history: readonly ChainDay[], days: number): string {
  const head = `## The ${days} days before ${date} (oldest first)`;
  if (!history.length) return `${head}\nNo earlier days were provided.`;
  const cols = HISTORY_COLUMNS.map((m) => (displayUnit(m, chain) ? `${m} (${displayUnit(m, chain)})` : m));
  const lines = [`| date | ${cols.join(' | ')} | regime |`, `|---|${cols.map(() => '---').join('|')}|---|`];
  for (const { date: d, row } of historySpine(history, date, days)) {
    if (!row || row.missing) lines.push(`| ${d} | no data for this day |${' |'.repeat(cols.length)}`);
    else
      lines.push(
        `| ${d} | ${HISTORY_COLUMNS.map((m) => formatCell(row, m)).join(' | ')} | ${row.regime?.label ?? 'not available'} |`,
      );
  }
  return [head, ...lines].join('\n');
}

const HEADER =
  'Metrics marked "not available" are unknown, not zero. Percentages are printed with "%"; every other number is in the unit shown.';

function renderSingle(
  task: SingleChainTask,
  rowValue: unknown,
  historyRows: readonly unknown[],
  days: number,
): RenderedPrompt {
  const row = checkRow(rowValue);
  const history = historyBefore(historyRows, row.chain, row.date, days);
  const content = [
    `Below are daily on-chain metrics of the ${row.chain} blockchain up to and including ${row.date} (UTC days). Nothing after ${row.date} is known. ${HEADER}`,
    rowBlock(row),
    historyTable(row.chain, row.date, history, days),
    '## Task',
    taskText(task, row.chain, row.date, usersAvailable(row)),
  ].join('\n\n');
  return {
    promptVersion: PROMPT_VERSION,
    task,
    chain: row.chain,
    date: row.date,
    input: row,
    history,
    messages: [{ role: 'user', content }],
    sampling: { ...SAMPLING_DEFAULTS },
  };
}

function correlationTable(
  rows: readonly ChainDay[],
  history: readonly ChainDay[],
  date: IsoDate,
  days: number,
): string {
  const minPairs = 7;
  const corr = crossChainCorrelations(rowsAsOf([...history, ...rows], date), 'transactions', minPairs);
  const head = `## Correlation of daily log changes of transactions, ${addDays(date, -days)} to ${date}`;
  const lines = [`| | ${corr.chains.join(' | ')} |`, `|---|${corr.chains.map(() => '---').join('|')}|`];
  corr.chains.forEach((c, i) =>
    lines.push(
      `| ${c} | ${(corr.matrix[i] ?? []).map((v) => (v === null ? 'not available' : v.toFixed(2))).join(' | ')} |`,
    ),
  );
  return [
    head,
    ...lines,
    `"not available": fewer than ${minPairs} days on which both chains have a change from the day before.`,
  ].join('\n');
}

function renderCross(rowValues: readonly unknown[], historyRows: readonly unknown[], days: number): RenderedPrompt {
  const rows = rowValues.map((r, i) => checkRow(r, `row ${i}`)).sort((a, b) => (a.chain < b.chain ? -1 : 1));
  if (rows.length < 2)
    throw new WorkbenchError(
      'a cross-chain prompt needs rows of at least 2 chains',
      'pass one row per chain, all of one day',
    );
  const date = (rows[0] as ChainDay).date;
  if (rows.some((r) => r.date !== date))
    throw new WorkbenchError(
      `cross-chain rows must share one date, got ${[...new Set(rows.map((r) => r.date))].join(', ')}`,
      'pass one row per chain, all of one day',
    );
  const chains = rows.map((r) => r.chain);
  if (new Set(chains).size !== chains.length)
    throw new WorkbenchError(`cross-chain rows repeat a chain: ${chains.join(', ')}`, 'pass one row per chain');
  const history = chains.flatMap((c) => historyBefore(historyRows, c, date, days));
  const content = [
    `Below are daily on-chain metrics of ${chains.length} blockchains on ${date} (UTC day), and how their activity moved in the ${days} days before. Nothing after ${date} is known. ${HEADER}`,
    ...rows.map(rowBlock),
    correlationTable(rows, history, date, days),
    '## Task',
    crossChainTaskText(chains, date),
  ].join('\n\n');
  return {
    promptVersion: PROMPT_VERSION,
    task: 'crossChain',
    chain: CROSS_CHAIN,
    date,
    input: rows,
    history,
    messages: [{ role: 'user', content }],
    sampling: { ...SAMPLING_DEFAULTS },
  };
}

/**
 * The prompt of a task for validated rows. History may hold any rows: only the row's chain(s)
 * and the `historyDays` days strictly before its date are used, so a later row never reaches
 * the text. Refuses invalid rows (undefined, NaN, wrong units' ranges) and missing days.
 */
export function renderPrompt(req: RenderRequest): RenderedPrompt {
  const days = req.historyDays ?? HISTORY_DAYS;
  if (!Number.isInteger(days) || days < 0)
    throw new WorkbenchError(`historyDays must be a whole number ≥ 0, got ${days}`);
  return req.task === 'crossChain'
    ? renderCross(req.rows, req.history ?? [], days)
    : renderSingle(req.task, req.row, req.history ?? [], days);
}
