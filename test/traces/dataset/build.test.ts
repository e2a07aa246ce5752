import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/chain/metrics/dates';
import { buildDataset, GrpoRecordSchema, SftRecordSchema } from '../../../src/traces/dataset';
import type { TraceRecord } from '../../../src/traces/record';
import { GOOD_ANSWER, row, trace } from '../prompts/helpers';

const START = '2025-01-01';
const btc = (date: string) =>
  row(date, {
    chain: 'bitcoin',
    nativeUnit: 'BTC',
    successRate: null,
    gasUsed: null,
    contractCalls: null,
    gasPerTx: null,
    contractCallFrac: null,
  });
/** Text unique to a chain-day (no shingle shared with any other). */
const unique = (tag: string, n = 40): string =>
  Array.from({ length: n }, (_, i) => `${tag.replace(/-/g, '')}w${i}`).join(' ');

/** 20 days × 2 chains of good analytical traces. */
function corpus(): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let i = 0; i < 20; i++) {
    const d = addDays(START, i);
    out.push(trace({ task: 'analytical', row: row(d) }, { reasoning: unique(`eth${d}r`), answer: unique(`eth${d}a`) }));
    out.push(trace({ task: 'analytical', row: btc(d) }, { reasoning: unique(`btc${d}r`), answer: unique(`btc${d}a`) }));
  }
  return out;
}

describe('buildDataset', () => {
  const day = (i: number) => addDays(START, i);
  const base = corpus();
  const bad = [
    trace({ task: 'risk', row: row(day(2)) }, { error: 'HTTP 500 from the server', answer: '' }),
    trace({ task: 'risk', row: row(day(3)) }, { truncated: true, finishReason: 'length', answer: unique('t1') }),
    trace({ task: 'opportunity', row: row(day(3)) }, { answer: '   ' }),
    trace({ task: 'opportunity', row: row(day(4)) }, { reasoning: '', answer: unique('nr') }),
    trace({ task: 'predict7d', row: row(day(5)) }, { answer: 'up, I think' }),
    trace({ task: 'risk', row: btc(day(6)) }, { reasoning: 'a </think> b', answer: unique('tt') }),
  ];
  // A copy of day 1's ethereum trace generated again on an eval day (another model): must go, the earliest stays.
  const copy = trace(
    { task: 'analytical', row: row(day(18)) },
    { reasoning: (base[2] as TraceRecord).reasoning.toUpperCase(), answer: (base[2] as TraceRecord).answer },
    { model: 'other' },
  );
  // Day 19's bitcoin trace with one word changed, generated later as a day-19 opportunity trace: a near-duplicate.
  const src = base[39] as TraceRecord;
  const near = trace(
    { task: 'opportunity', row: btc(day(19)) },
    { reasoning: src.reasoning, answer: `${src.answer.split(' ').slice(0, 39).join(' ')} changed` },
    { createdAt: '2025-01-02T00:00:00.000Z' },
  );
  const predict = trace(
    { task: 'predict7d', row: row(day(0)) },
    { reasoning: unique('pr'), answer: `${unique('pa')}\n${GOOD_ANSWER}` },
  );
  const cross = trace(
    { task: 'crossChain', rows: [row(day(1)), btc(day(1))] },
    { reasoning: unique('xr'), answer: unique('xa') },
  );
  const all = [...base, ...bad, copy, near, predict, cross];
  const built = buildDataset(all, { evalFraction: 0.2, gapDays: 3 });

  it('drops unusable traces and duplicates, counted by reason', () => {
    expect(built.stats.dropped.byReason).toEqual({
      empty_answer: 1,
      exact_duplicate: 1,
      failed: 1,
      near_duplicate: 1,
      no_answer_block: 1,
      no_reasoning: 1,
      // 2 chains × 3 gap days (Jan 14–16) of analytical traces.
      split_gap: 6,
      think_tag_in_text: 1,
      truncated: 1,
    });
    const dup = built.dropped.find((d) => d.reason === 'exact_duplicate');
    expect(dup).toMatchObject({ id: copy.id, detail: `of ${(base[2] as TraceRecord).id}` });
    expect(built.dropped.find((d) => d.reason === 'near_duplicate')?.id).toBe(near.id);
  });

  it('splits by time with the gap, and no eval day precedes a train day', () => {
    const trainDates = built.sft.train.map((r) => r.date);
    const evalDates = built.sft.eval.map((r) => r.date);
    // 20 days per chain: eval = Jan 17–20 (4 days); train ≤ Jan 13.
    expect(built.stats.split.trainCutoff).toBe('2025-01-13');
    expect(Math.max(...trainDates.map(Date.parse))).toBeLessThan(Math.min(...evalDates.map(Date.parse)));
    expect(evalDates.every((d) => d >= '2025-01-17')).toBe(true);
    expect(built.stats.sft.byChain).toEqual({
      bitcoin: { train: 13, eval: 4 },
      'cross-chain': { train: 1, eval: 0 },
      ethereum: { train: 14, eval: 4 },
    });
    // The only cross-chain day (Jan 2) lies before the global eval start: it trains, and does not move the cut-off.
    expect(built.sft.train.find((r) => r.chain === 'cross-chain')?.date).toBe(day(1));
  });

  it('writes SFT turns as <think>reasoning</think> then the answer', () => {
    for (const r of [...built.sft.train, ...built.sft.eval]) expect(SftRecordSchema.safeParse(r).success).toBe(true);
    const p = built.sft.train.find((r) => r.task === 'predict7d');
    expect(p?.messages[1].content).toBe(`<think>${predict.reasoning}</think>\n${predict.answer}`);
    expect(p?.messages[0]).toEqual(predict.prompt[0]);
  });

  it('writes GRPO records prompt-only, one per distinct prompt, with the input row and no outcome yet', () => {
    const g = [...built.grpo.train, ...built.grpo.eval];
    for (const r of g) expect(GrpoRecordSchema.safeParse(r).success).toBe(true);
    expect(g.every((r) => r.prompt.length === 1 && r.outcome === null && r.horizon_days === 7)).toBe(true);
    // copy renders the same prompt as day 18's analytical ethereum trace: counted once.
    expect(built.stats.grpo.duplicatePrompts).toBe(1);
    expect(built.stats.grpo.crossChainSkipped).toBe(1);
    const p = g.find((r) => r.task === 'predict7d');
    expect(p?.input_row).toEqual(predict.input);
    expect(built.stats.grpo.train + built.stats.grpo.eval).toBe(all.length - 1 - 1 - 6);
  });

  it('sums tokens and cost, and writes a card that names the simulator', () => {
    expect(built.stats.tokens.sft).toMatchObject({
      records: 36,
      promptTokens: 36 * 900,
      completionTokens: 36 * 400,
      reasoningTokens: 36 * 300,
      costUsd: 0.072,
    });
    expect(built.card.startsWith('---\npretty_name:')).toBe(true);
    expect(built.card).toContain(
      '- config_name: sft\n  data_files:\n  - split: train\n    path: sft/train.jsonl\n  - split: eval\n    path: sft/eval.jsonl',
    );
    expect(built.card).toContain('**Data source: offline simulator.**');
    expect(built.card).toContain('gapDays 3 < horizon 7');
  });

  it('applies the quality filter', () => {
    const q = buildDataset(base, {
      evalFraction: 0.2,
      gapDays: 7,
      qualityFilter: (r) => (r.chain === 'bitcoin' ? { keep: false, reason: 'low_score' } : { keep: true }),
    });
    expect(q.stats.dropped.byReason['quality:low_score']).toBe(20);
    expect(q.sft.train.every((r) => r.chain === 'ethereum')).toBe(true);
  });
});
