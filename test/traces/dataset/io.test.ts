import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/chain/metrics/dates';
import { buildDatasetFiles, DatasetStatsSchema, joinOutcomesInDir, readTraces } from '../../../src/traces/dataset';
import { useTmpDir } from '../../helpers/tmp';
import { row, trace } from '../prompts/helpers';

const tmp = useTmpDir();

describe('dataset files', () => {
  it('reads validated traces and writes the dataset folder', async () => {
    const dir = tmp();
    const recs = Array.from({ length: 10 }, (_, i) =>
      trace(
        { task: 'analytical', row: row(addDays('2025-01-01', i)) },
        { reasoning: `r${i} `.repeat(3) + `day${i}`, answer: `answer for day${i} alone` },
      ),
    );
    const inPath = join(dir, 'traces.jsonl');
    writeFileSync(inPath, `${recs.map((r) => JSON.stringify(r)).join('\n')}\n{"id": "broken"}\n`);
    const read = await readTraces(inPath);
    expect(read.records).toHaveLength(10);
    expect(read.invalid.map((x) => x.line)).toEqual([11]);
    await expect(buildDatasetFiles(inPath, join(dir, 'out'), { evalFraction: 0.2, gapDays: 2 })).rejects.toThrow(
      /1 invalid trace line/,
    );
    const built = await buildDatasetFiles(inPath, join(dir, 'out'), {
      evalFraction: 0.2,
      gapDays: 2,
      allowInvalid: true,
    });
    const out = (f: string) => readFileSync(join(dir, 'out', f), 'utf8');
    const stats = DatasetStatsSchema.parse(JSON.parse(out('stats.json')));
    expect(stats.dropped.byReason).toEqual({ invalid_line: 1, split_gap: 2 });
    expect(out('sft/train.jsonl').trim().split('\n')).toHaveLength(built.sft.train.length);
    expect(built.sft.train.map((r) => r.date)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
      '2025-01-06',
    ]);
    expect(
      out('sft/eval.jsonl')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { date: string }).date),
    ).toEqual(['2025-01-09', '2025-01-10']);
    expect(out('README.md')).toContain('| `invalid_line` | 1 |');
    expect(out('grpo/train.jsonl')).toContain('"horizon_days":7');

    // Outcomes joined later from the metrics file (Jan 1–16): day i has 1000 + 10·i transactions.
    const metrics = join(dir, 'chain.jsonl');
    writeFileSync(
      metrics,
      Array.from({ length: 16 }, (_, i) =>
        JSON.stringify(row(addDays('2025-01-01', i), { transactions: 1000 + 10 * i })),
      ).join('\n'),
    );
    const summary = await joinOutcomesInDir(join(dir, 'out'), metrics);
    expect(summary.train).toEqual({ joined: 6, missing: {} });
    expect(summary.eval).toEqual({ joined: 1, missing: { 'no row for ethereum': 1 } }); // the file ends Jan 16: Jan 9 is joined, Jan 10 (→ Jan 17) is not
    const first = JSON.parse(out('grpo/train.jsonl').split('\n')[0] as string) as {
      date: string;
      outcome: { tx_growth_7d: number };
    };
    expect(first.date).toBe('2025-01-01');
    expect(first.outcome.tx_growth_7d).toBeCloseTo(1070 / 1000 - 1, 12); // input row 1000 (as prompted), Jan 8 = 1070
  });
});
