import { WorkbenchError } from '../core/errors';
import { CHAIN_INFO, type FlipsideChain } from './chains';
import type { IsoDate } from './daily';
import { addDays, checkIsoDate } from './metrics/dates';
import { bitcoinSql, evmSql, nearSql } from './sql/templates';
import { checkFlipsideChain, FLIPSIDE_TABLES } from './sql/whitelist';

/**
 * Flipside SQL for one chain's daily aggregates. The text is assembled only from the whitelist
 * (`sql/whitelist.ts`: tables, fixed constants) and from dates that passed `IsoDateSchema`; a
 * chain or date that does not validate throws a WorkbenchError before any SQL exists, so before
 * any request. Windows are half-open `[from, toExclusive)` in UTC days.
 */
export interface DailyQuery {
  chain: FlipsideChain;
  from: IsoDate;
  toExclusive: IsoDate;
}

/** Result columns of that SQL, lower-case as Flipside returns them, in order. */
export const DAILY_COLUMNS = [
  'day',
  'transactions',
  'active_senders',
  'active_receivers',
  'success_rate',
  'fees_native',
  'transferred_native',
  'gas_used',
  'contract_calls',
] as const;
export type DailyColumn = (typeof DAILY_COLUMNS)[number];

const HEADER = /^-- workbench chain-daily v1 chain=([a-z]+) from=(\d{4}-\d{2}-\d{2}) to=(\d{4}-\d{2}-\d{2})$/;

/** Validates a query's parts (it may come from untyped input); throws WorkbenchError. */
function checkQuery(q: DailyQuery): DailyQuery {
  const chain = checkFlipsideChain(q.chain);
  const from = checkIsoDate(q.from, 'from');
  const toExclusive = checkIsoDate(q.toExclusive, 'toExclusive');
  if (!(from < toExclusive)) {
    throw new WorkbenchError(
      `empty window: from ${from} is not before toExclusive ${toExclusive}`,
      'toExclusive is the day after the last day wanted',
    );
  }
  return { chain, from, toExclusive };
}

/**
 * SQL for daily aggregates of one chain over [from, toExclusive); whitelisted identifiers,
 * validated literals. First line is the header comment
 * `-- workbench chain-daily v1 chain=<chain> from=<YYYY-MM-DD> to=<YYYY-MM-DD>` (to = toExclusive).
 */
export function buildDailySql(q: DailyQuery): string {
  const { chain, from, toExclusive } = checkQuery(q);
  const tables = FLIPSIDE_TABLES[chain];
  const w = { from, toExclusive };
  const body =
    tables.family === 'bitcoin'
      ? bitcoinSql(tables, w)
      : tables.family === 'near'
        ? nearSql(tables, w)
        : evmSql(tables.transactions, w);
  const header = [
    `-- workbench chain-daily v1 chain=${chain} from=${from} to=${toExclusive}`,
    `-- family=${tables.family} native_unit=${CHAIN_INFO[chain].nativeUnit} days=UTC window=[from,to)`,
  ];
  return `${header.join('\n')}\n${body}\n`;
}

/** Parses the header line of SQL built by buildDailySql; returns the query iff buildDailySql(query) === sql exactly, else null. */
export function parseDailySql(sql: string): DailyQuery | null {
  const m = HEADER.exec(sql.split('\n', 1)[0] ?? '');
  if (!m) return null;
  try {
    const q = checkQuery({ chain: m[1] as FlipsideChain, from: m[2] ?? '', toExclusive: m[3] ?? '' });
    return buildDailySql(q) === sql ? q : null;
  } catch {
    return null;
  }
}

/**
 * The query for the inclusive days [from, to] from untrusted strings: validates the chain and
 * both dates and sets toExclusive = to + 1 day, so the end date is included.
 */
export function dailyQuery(chain: string, from: string, to: string): DailyQuery {
  const q = {
    chain: checkFlipsideChain(chain),
    from: checkIsoDate(from, 'from'),
    toExclusive: addDays(checkIsoDate(to, 'to'), 1),
  };
  return checkQuery(q);
}
