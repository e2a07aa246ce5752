import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import type { ChainId, FlipsideChain } from '../chains';
import { DailyAggregateSchema, type DailyAggregate, type IsoDate } from '../daily';
import type { FlipsideClient } from '../flipside';
import { addDays } from '../metrics';
import type { ChainMetricsSource, FetchEvents } from '../source';
import { buildDailySql } from '../sql';

/** A Flipside number: JSON number, numeric string, or null (not defined for the chain). */
const Num = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
    .transform(Number),
  z.null(),
]);
/** A result row of buildDailySql; `day` comes back as a date or a midnight timestamp. */
const ResultRowSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z?)?$/, 'expected a UTC day'),
  transactions: Num,
  active_senders: Num,
  active_receivers: Num,
  success_rate: Num,
  fees_native: Num,
  transferred_native: Num,
  gas_used: Num,
  contract_calls: Num,
});

/**
 * Daily aggregates through Flipside's SQL API: the real service (`flipside`), or the seeded
 * simulator behind the local Flipside server (`sim`). Same client, same SQL, same checks; the
 * rows say which one produced them.
 */
export class FlipsideSource implements ChainMetricsSource {
  constructor(
    private readonly client: FlipsideClient,
    readonly name: 'flipside' | 'sim',
    /** `identity`: what the rows depend on besides the SQL (default the endpoint URL; an in-process simulator's seed). */
    private readonly opts: { maxAgeMinutes?: number; identity?: string } = {},
  ) {}

  queryKey(chain: ChainId, from: IsoDate, toExclusive: IsoDate): string {
    return `${this.name} ${this.opts.identity ?? this.client.url}\n${buildDailySql({ chain: chain as FlipsideChain, from, toExclusive })}`;
  }

  async fetchDaily(
    chain: ChainId,
    from: IsoDate,
    toExclusive: IsoDate,
    o: FetchEvents & { signal?: AbortSignal } = {},
  ): Promise<DailyAggregate[]> {
    const sql = buildDailySql({ chain: chain as FlipsideChain, from, toExclusive });
    const label = `${chain} ${from}..${addDays(toExclusive, -1)}`;
    o.onQuery?.({ chain, label, state: 'SUBMITTED' });
    const r = await this.client.runQuery(sql, { maxAgeMinutes: this.opts.maxAgeMinutes, signal: o.signal, label });
    o.onQuery?.({ chain, label, state: `DONE (${r.rows.length} rows, run ${r.queryRunId})` });
    return r.rows.map((row, i) => toAggregate(row, { chain, source: this.name, label, from, toExclusive, index: i }));
  }
}

interface RowContext {
  chain: ChainId;
  source: 'flipside' | 'sim';
  label: string;
  from: IsoDate;
  toExclusive: IsoDate;
  index: number;
}

function toAggregate(raw: Record<string, unknown>, c: RowContext): DailyAggregate {
  const day =
    typeof raw.day === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw.day)
      ? raw.day.slice(0, 10)
      : `row ${c.index} (day ${JSON.stringify(raw.day)})`;
  const fail = (what: string): never => {
    throw new WorkbenchError(
      `malformed row from ${c.source} for ${c.chain} on ${day} (query ${c.label}): ${what}`,
      'rows of chains already collected stay in the output; this query is not cached, so a rerun asks again',
    );
  };
  const r = ResultRowSchema.safeParse(raw);
  if (!r.success)
    return fail(`${r.error.issues[0]?.path.join('.') || 'row'}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  const v = r.data;
  if (day < c.from || day >= c.toExclusive) fail(`day outside the queried range [${c.from}, ${c.toExclusive})`);
  const count = (x: number | null) => (x === null ? null : Math.round(x));
  const parsed = DailyAggregateSchema.safeParse({
    chain: c.chain,
    date: day,
    source: c.source,
    transactions: v.transactions === null ? fail('transactions is null') : Math.round(v.transactions),
    activeSenders: count(v.active_senders),
    activeReceivers: count(v.active_receivers),
    successRate: v.success_rate,
    feesNative: v.fees_native,
    transferredNative: v.transferred_native,
    gasUsed: v.gas_used,
    contractCalls: count(v.contract_calls),
  });
  if (!parsed.success)
    return fail(`${parsed.error.issues[0]?.path.join('.') || 'row'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
