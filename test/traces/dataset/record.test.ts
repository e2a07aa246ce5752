import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/chain/metrics/dates';
import { SAMPLING_DEFAULTS } from '../../../src/traces/prompts';
import { endpointHasSecret, TraceRecordSchema, traceId } from '../../../src/traces/record';
import { GOOD_ANSWER, row, trace } from '../prompts/helpers';

const D = '2025-03-10';
const key = {
  promptVersion: 'prompts/2',
  task: 'analytical',
  chain: 'ethereum',
  chains: ['ethereum'],
  date: D,
  model: 'm',
  sampling: { ...SAMPLING_DEFAULTS },
};

describe('TraceRecord', () => {
  it('has a deterministic id over version, task, chain, date, model and sampling', () => {
    expect(traceId(key)).toBe(traceId({ ...key }));
    expect(traceId(key)).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [
      { promptVersion: 'prompts/3' },
      { task: 'risk' },
      { chain: 'base', chains: ['base'] },
      { date: addDays(D, 1) },
      { model: 'n' },
      { sampling: { ...SAMPLING_DEFAULTS, temperature: 0.7 } },
      { sample: 1 },
    ]) {
      expect(traceId({ ...key, ...change })).not.toBe(traceId(key));
    }
    const a = trace({ task: 'analytical', row: row(D) }, { answer: 'one' });
    const b = trace({ task: 'analytical', row: row(D) }, { answer: 'another answer' });
    expect(a.id).toBe(b.id); // a rerun of the same generation keeps its id
  });

  it('parses the answer block of predictions into the record', () => {
    const ok = trace({ task: 'predict7d', row: row(D) }, { answer: GOOD_ANSWER });
    expect(ok.answerBlock?.tx_growth_7d.point).toBe(0.05);
    expect(ok.answerBlockError).toBeNull();
    const bad = trace({ task: 'predict7d', row: row(D) }, { answer: 'up, probably' });
    expect(bad.answerBlock).toBeNull();
    expect(bad.answerBlockError).toMatch(/no ```json block/);
    expect(trace({ task: 'risk', row: row(D) }, { answer: GOOD_ANSWER }).answerBlock).toBeNull();
  });

  it('refuses history after the date, a system prompt, and endpoints with credentials', () => {
    const r = trace({ task: 'analytical', row: row(D) });
    expect(TraceRecordSchema.safeParse(r).success).toBe(true);
    expect(TraceRecordSchema.safeParse({ ...r, history: [row(addDays(D, 1))] }).success).toBe(false);
    expect(TraceRecordSchema.safeParse({ ...r, history: [row(D)] }).success).toBe(false);
    expect(TraceRecordSchema.safeParse({ ...r, prompt: [{ role: 'system', content: 'x' }, ...r.prompt] }).success).toBe(
      false,
    );
    expect(TraceRecordSchema.safeParse({ ...r, endpoint: 'https://openrouter.ai/api/v1?api_key=abc' }).success).toBe(
      false,
    );
    expect(endpointHasSecret('https://user:pw@example.com/v1')).toBe(true);
    // A made-up key, assembled so that no key-shaped literal sits in the repository.
    expect(endpointHasSecret(`https://x.test/${['sk', 'or', 'v1'].join('-')}-0123456789abcdef`)).toBe(true);
    expect(endpointHasSecret('https://openrouter.ai/api/v1')).toBe(false);
  });
});
