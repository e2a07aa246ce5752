import { describe, expect, it } from 'vitest';
import { buildDataset, importCortex1, importCortex1File } from '../../../src/traces/dataset';
import { fixture } from '../../helpers/fixtures';

describe('cortex1 import of the real published records', () => {
  it('refuses every r1-traces-raw record: "Unknown date" prompts and answers that are reasoning excerpts', () => {
    const r = importCortex1File(fixture('cortex', 'r1-traces-raw.jsonl'));
    expect(r.records).toHaveLength(0);
    expect(r.refused).toHaveLength(32);
    for (const x of r.refused)
      expect(x.reasons.map((d) => d.code)).toEqual(['prompt_unknown_date', 'answer_is_reasoning_excerpt']);
    // 14 ethereum + 3 NEAR prompts printed a fraction as a percentage ("1.0%"); 15 bitcoin ones invented 0.0%.
    expect(r.defectCounts).toMatchObject({
      success_rate_misscaled: 17,
      success_rate_fabricated: 15,
      users_zeroed_in_prompt: 32,
      date_field_is_generation_date: 32,
      growth_zero_filled: 5,
    });
    const eth = r.refused.find((x) => x.line === 16);
    expect(eth).toMatchObject({ variant: 'r1-traces-raw', chain: 'ethereum', date: '2025-03-01' });
    expect(eth?.flags.find((f) => f.code === 'success_rate_misscaled')?.detail).toBe(
      'the prompt showed 1.0% for a success rate of 0.9856601862 (98.6%): a fraction printed as a percentage',
    );
    expect(r.refused.find((x) => x.chain === 'near')).toBeDefined(); // "NEAR" is the near chain
  });

  it('imports the market-reasoning records with their defects flagged and values unchanged', () => {
    const eth = importCortex1File(fixture('cortex', 'ethereum-market-reasoning.jsonl'));
    const near = importCortex1File(fixture('cortex', 'near-market-reasoning.jsonl'));
    expect(eth.refused).toEqual([]);
    expect(eth.records.map((r) => r.date)).toEqual(['2025-02-09', '2025-02-08']);
    const r = eth.records[0]!;
    expect(r.input).toMatchObject({
      chain: 'ethereum',
      source: 'flipside',
      transactions: 767107,
      activeSenders: 263129,
      successRate: 0.9880342638,
      transferredNative: 707800.260977414,
      txGrowth7dFrac: null,
      regime: null,
    });
    expect(r.prompt).toEqual([]);
    expect(r.reasoning).toBe('');
    expect(r.answer.startsWith('Below is a step')).toBe(true);
    expect(r.model).toBe('unrecorded');
    expect(r.imported?.flags.map((f) => f.code)).toEqual([
      'prompt_not_recorded',
      'model_not_recorded',
      'reasoning_is_the_answer',
      'finish_reason_not_recorded',
    ]);
    expect(((r.imported?.original ?? {}) as { market_data: { success_rate: number } }).market_data.success_rate).toBe(
      0.9880342638,
    );
    expect(near.records[0]?.input).toMatchObject({ chain: 'near', nativeUnit: 'NEAR', successRate: 0.9999961887 });
    // Reimporting gives the same ids; a record without a prompt never becomes training data.
    expect(importCortex1File(fixture('cortex', 'ethereum-market-reasoning.jsonl')).records.map((x) => x.id)).toEqual(
      eth.records.map((x) => x.id),
    );
    const built = buildDataset([...eth.records, ...near.records], { evalFraction: 0.2, gapDays: 7 });
    expect(built.stats.dropped.byReason).toEqual({ no_prompt: 4 });
  });

  it('names lines that are neither format', () => {
    const r = importCortex1('{"hello": 1}\nnot json\n', 'x.jsonl');
    expect(r.records).toEqual([]);
    expect(r.refused.map((x) => [x.line, x.reasons[0]?.code])).toEqual([
      [1, 'unknown_format'],
      [2, 'not_json'],
    ]);
  });
});
