import { basename } from 'node:path';
import { readInputText } from '../../core/files';
import { CHAIN_INFO, isChainId, type ChainId } from '../../chain';
import { ChainDaySchema, type ChainDay } from '../../chain';
import { ratio } from '../../chain';
import { TraceRecordSchema, traceId, type Defect, type TraceRecord } from '../record';
import { normalizeText } from './text';
import {
  Cortex1MarketRecordSchema,
  Cortex1R1RecordSchema,
  type Cortex1MarketRecord,
  type Cortex1R1Record,
} from './cortex1-schema';

/**
 * `workbench traces import --format cortex1 FILE`: the earlier prototype's records as
 * TraceRecords. Its known defects are detected and named, never repaired: a record whose
 * prompt or answer is unusable is refused with its reasons; lesser defects are kept as flags
 * in `imported.flags`, and the original record is kept unchanged in `imported.original`.
 * Only raw fields are mapped into the ChainDay (derived fields the old pipeline computed
 * differently stay null; ratios of one row's raw fields are computed as definitions.ts says).
 */

export interface Cortex1Refusal {
  file: string;
  line: number;
  variant: 'r1-traces-raw' | 'market-reasoning' | null;
  chain: string | null;
  date: string | null;
  reasons: Defect[];
  flags: Defect[];
}

export interface Cortex1Import {
  records: TraceRecord[];
  refused: Cortex1Refusal[];
  /** Per defect code: how many lines had it (refused or kept). */
  defectCounts: Record<string, number>;
}

const refuse = (code: string, detail: string): Defect => ({ code, severity: 'refuse', detail });
const flag = (code: string, detail: string): Defect => ({ code, severity: 'flag', detail });
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.0+)?Z$/;
const NULL_SAMPLING = { temperature: null, topP: null, maxTokens: null, seed: null };

/** The row of an imported record: raw fields mapped by name, ratios recomputed, growth/volatility/regime null. */
function importedRow(
  chain: ChainId,
  date: string,
  raw: {
    transactions: number;
    senders: number;
    receivers: number;
    successRate: number | null;
    volume: number;
    contractCalls: number | null;
  },
): ChainDay {
  const fam = CHAIN_INFO[chain].family;
  const contractCalls = fam === 'bitcoin' ? null : raw.contractCalls;
  return ChainDaySchema.parse({
    chain,
    date,
    source: 'flipside',
    missing: false,
    nativeUnit: CHAIN_INFO[chain].nativeUnit,
    transactions: raw.transactions,
    activeSenders: raw.senders,
    activeReceivers: raw.receivers,
    successRate: raw.successRate,
    feesNative: null,
    transferredNative: raw.volume,
    gasUsed: null,
    contractCalls,
    txGrowth7dFrac: null,
    userGrowth7dFrac: null,
    volumeGrowth7dFrac: null,
    txVolatility7dLog: null,
    volumeVolatility7dLog: null,
    feesPerTxNative: null,
    valuePerTxNative: ratio(raw.volume, raw.transactions),
    txPerSender: ratio(raw.transactions, raw.senders),
    gasPerTx: null,
    contractCallFrac: ratio(contractCalls, raw.transactions),
    regime: null,
    regimeReason: 'imported from cortex1: the earlier pipeline assigned no regime label',
  });
}

const shown = (prompt: string, label: string): string | null =>
  new RegExp(`${label}:\\s*([-\\d.,]+)`).exec(prompt)?.[1]?.replace(/,/g, '') ?? null;

function r1Defects(r: Cortex1R1Record, dataDate: string | null): Defect[] {
  const md = r.market_data;
  const out: Defect[] = [];
  if (/unknown date/i.test(r.input))
    out.push(
      refuse('prompt_unknown_date', 'the prompt says "Unknown date": the model never saw which day it analysed'),
    );
  if (normalizeText(r.reasoning).includes(normalizeText(r.output))) {
    out.push(
      refuse(
        'answer_is_reasoning_excerpt',
        `\`output\` (${r.output.length} chars) is a passage of the reasoning (${r.reasoning.length} chars): R1's final answer was not kept`,
      ),
    );
  }
  if (dataDate && r.date !== dataDate)
    out.push(
      flag(
        'date_field_is_generation_date',
        `\`date\` ${r.date} is the generation day; the data's day is ${dataDate} (market_data.block_timestamp)`,
      ),
    );
  const users = shown(r.input, 'Unique Users');
  if (users === '0' && md.unique_senders > 0)
    out.push(
      flag('users_zeroed_in_prompt', `the prompt showed 0 unique users; the row has ${md.unique_senders} senders`),
    );
  const sr = shown(r.input, 'Success Rate');
  if (sr !== null) {
    const pct = Number(sr);
    if (md.success_rate === undefined)
      out.push(
        flag(
          'success_rate_fabricated',
          `the prompt showed ${sr}% but the row has no success rate (not defined for ${md.network})`,
        ),
      );
    else if (Math.abs(pct - md.success_rate * 100) > 0.051) {
      const misscaled = Math.abs(pct - md.success_rate) <= 0.051;
      out.push(
        flag(
          misscaled ? 'success_rate_misscaled' : 'success_rate_mismatch',
          `the prompt showed ${sr}% for a success rate of ${md.success_rate} (${(md.success_rate * 100).toFixed(1)}%)${misscaled ? ': a fraction printed as a percentage' : ''}`,
        ),
      );
    }
  }
  const gas = shown(r.input, 'Gas Used');
  if (gas !== null && Number(gas) === 0)
    out.push(
      flag(
        'gas_used_zero_filled',
        md.avg_gas_used === undefined
          ? `the prompt showed 0 gas for ${md.network}, which has no gas`
          : `the prompt showed 0 gas; the row has avg_gas_used ${md.avg_gas_used}`,
      ),
    );
  const avg = shown(r.input, 'Avg Transaction');
  if (avg !== null && Number(avg) === 0 && md.avg_tx_value > 0)
    out.push(flag('avg_value_rounded_to_zero', `the prompt showed ${avg} for an average value of ${md.avg_tx_value}`));
  if (md.txn_growth_pct_7d === 0 || md.user_growth_pct_7d === 0)
    out.push(
      flag(
        'growth_zero_filled',
        'a 7-day growth of exactly 0.0: the earlier pipeline wrote 0 where the lag day was missing',
      ),
    );
  out.push(
    flag(
      'volatility_not_scale_free',
      `tx_volatility_7d ${md.tx_volatility_7d} is an absolute std of daily counts, not the log-change volatility of definitions.ts; not carried`,
    ),
  );
  out.push(
    flag('finish_reason_not_recorded', 'no finish reason or usage was recorded: truncation cannot be ruled out'),
  );
  return out;
}

function fromR1(
  r: Cortex1R1Record,
  file: string,
  line: number,
): { record: TraceRecord | null; refusal: Cortex1Refusal | null; defects: Defect[] } {
  const chain = r.market_data.network.toLowerCase();
  const dataDate = MIDNIGHT.exec(r.market_data.block_timestamp)?.[1] ?? null;
  const defects = r1Defects(r, dataDate);
  if (!dataDate)
    defects.push(
      refuse(
        'data_date_unreadable',
        `market_data.block_timestamp ${JSON.stringify(r.market_data.block_timestamp)} is not a UTC midnight`,
      ),
    );
  if (!isChainId(chain))
    defects.push(
      refuse('unknown_chain', `chain ${JSON.stringify(r.market_data.network)} is not one the workbench knows`),
    );
  const md = r.market_data;
  const build = (): TraceRecord | null => {
    if (!dataDate || !isChainId(chain)) return null;
    const row = importedRow(chain, dataDate, {
      transactions: md.num_txs,
      senders: md.unique_senders,
      receivers: md.unique_receivers,
      successRate: md.success_rate ?? null,
      volume: md.total_volume,
      contractCalls: md.smart_contract_calls ?? null,
    });
    return record({
      variant: 'r1-traces-raw',
      file,
      line,
      chain,
      date: dataDate,
      row,
      prompt: r.input,
      model: r.model,
      reasoning: r.reasoning,
      answer: r.output,
      createdAt: r.timestamp,
      defects,
      original: r,
    });
  };
  return finish('r1-traces-raw', file, line, chain, dataDate, defects, build);
}

function fromMarket(
  r: Cortex1MarketRecord,
  file: string,
  line: number,
): { record: TraceRecord | null; refusal: Cortex1Refusal | null; defects: Defect[] } {
  const chain = r.chain.toLowerCase();
  const date = MIDNIGHT.exec(r.date)?.[1] ?? null;
  const md = r.market_data;
  const defects: Defect[] = [
    flag('prompt_not_recorded', 'the format has no prompt: the record cannot be used for training'),
    flag('model_not_recorded', 'the format does not name the model'),
    flag(
      'reasoning_is_the_answer',
      'the published `reasoning` is the model’s whole final text; kept as `answer`, `reasoning` is empty',
    ),
    flag('finish_reason_not_recorded', 'no finish reason or usage was recorded: truncation cannot be ruled out'),
  ];
  if (!date) defects.push(refuse('data_date_unreadable', `date ${JSON.stringify(r.date)} is not a UTC midnight`));
  if (md.date !== r.date)
    defects.push(flag('market_date_differs', `market_data.date ${md.date} differs from date ${r.date}`));
  if (!isChainId(chain))
    defects.push(refuse('unknown_chain', `chain ${JSON.stringify(r.chain)} is not one the workbench knows`));
  const build = (): TraceRecord | null => {
    if (!date || !isChainId(chain)) return null;
    const row = importedRow(chain, date, {
      transactions: md.daily_txns,
      senders: md.unique_users,
      receivers: md.unique_receivers,
      successRate: md.success_rate,
      volume: md.total_volume,
      contractCalls: md.contract_calls ?? null,
    });
    return record({
      variant: 'market-reasoning',
      file,
      line,
      chain,
      date,
      row,
      prompt: null,
      model: 'unrecorded',
      reasoning: '',
      answer: r.reasoning,
      createdAt: r.timestamp,
      defects,
      original: r,
    });
  };
  return finish('market-reasoning', file, line, chain, date, defects, build);
}

function finish(
  variant: Cortex1Refusal['variant'],
  file: string,
  line: number,
  chain: string,
  date: string | null,
  defects: Defect[],
  build: () => TraceRecord | null,
): { record: TraceRecord | null; refusal: Cortex1Refusal | null; defects: Defect[] } {
  const reasons = defects.filter((d) => d.severity === 'refuse');
  const flags = defects.filter((d) => d.severity === 'flag');
  if (reasons.length) return { record: null, refusal: { file, line, variant, chain, date, reasons, flags }, defects };
  try {
    return { record: build(), refusal: null, defects };
  } catch (e) {
    const reason = refuse('invalid_row', e instanceof Error ? e.message.slice(0, 300) : String(e));
    return {
      record: null,
      refusal: { file, line, variant, chain, date, reasons: [reason], flags },
      defects: [...defects, reason],
    };
  }
}

interface RecordParts {
  variant: 'r1-traces-raw' | 'market-reasoning';
  file: string;
  line: number;
  chain: ChainId;
  date: string;
  row: ChainDay;
  prompt: string | null;
  model: string;
  reasoning: string;
  answer: string;
  createdAt: string;
  defects: Defect[];
  original: object;
}

function record(p: RecordParts): TraceRecord {
  const promptVersion = `cortex1/${p.variant}`;
  return TraceRecordSchema.parse({
    id: traceId({
      promptVersion,
      task: 'analytical',
      chain: p.chain,
      chains: [p.chain],
      date: p.date,
      model: p.model,
      sampling: NULL_SAMPLING,
      extra: { file: p.file, line: p.line },
    }),
    promptVersion,
    task: 'analytical',
    chain: p.chain,
    date: p.date,
    input: p.row,
    history: [],
    prompt: p.prompt === null ? [] : [{ role: 'user', content: p.prompt }],
    sampling: NULL_SAMPLING,
    sample: 0,
    model: p.model,
    provider: null,
    reasoning: p.reasoning,
    answer: p.answer,
    answerBlock: null,
    answerBlockError: null,
    finishReason: null,
    truncated: false,
    error: null,
    usage: { promptTokens: null, completionTokens: null, reasoningTokens: null, costUsd: null },
    timings: { latencyMs: null, firstTokenMs: null },
    generationId: null,
    createdAt: p.createdAt,
    source: 'flipside',
    endpoint: null,
    imported: {
      format: 'cortex1',
      variant: p.variant,
      file: p.file,
      line: p.line,
      flags: p.defects,
      original: p.original,
    },
  });
}

/** Imports every line of a cortex1 JSONL text (either variant, detected per line). */
export function importCortex1(text: string, file: string): Cortex1Import {
  const out: Cortex1Import = { records: [], refused: [], defectCounts: {} };
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      out.refused.push({
        file,
        line,
        variant: null,
        chain: null,
        date: null,
        reasons: [refuse('not_json', e instanceof Error ? e.message : String(e))],
        flags: [],
      });
      return;
    }
    const r1 = Cortex1R1RecordSchema.safeParse(value);
    const mk = r1.success ? null : Cortex1MarketRecordSchema.safeParse(value);
    const res = r1.success ? fromR1(r1.data, file, line) : mk?.success ? fromMarket(mk.data, file, line) : null;
    if (!res) {
      const issues =
        (mk && !mk.success ? mk.error : !r1.success ? r1.error : null)?.issues
          .slice(0, 3)
          .map((x) => `${x.path.join('.')}: ${x.message}`)
          .join('; ') ?? '';
      out.refused.push({
        file,
        line,
        variant: null,
        chain: null,
        date: null,
        reasons: [refuse('unknown_format', `neither cortex1 format: ${issues}`)],
        flags: [],
      });
      return;
    }
    for (const d of res.defects) out.defectCounts[d.code] = (out.defectCounts[d.code] ?? 0) + 1;
    if (res.record) out.records.push(res.record);
    if (res.refusal) out.refused.push(res.refusal);
  });
  return out;
}

export function importCortex1File(path: string): Cortex1Import {
  const text = readInputText(
    path,
    'cortex1 file',
    'pass a cortex1 JSONL file (r1-traces-raw.jsonl or *-market-reasoning.jsonl)',
  );
  return importCortex1(text, basename(path));
}
