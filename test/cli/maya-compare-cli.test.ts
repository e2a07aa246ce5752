import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMidgardServer } from '../../src/midgard';
import { workbenchAsync } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

type Line = {
  id: string;
  loss: number;
  correct: boolean;
  pool1Correct: boolean;
  inAmountAbsErrorLog: number | null;
};
type Headline = { typeAccuracy: number; pool1Accuracy: number; inAmountMaeLog: number | null };

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('workbench maya evaluate → compare', () => {
  const tmp = useTmpDir();

  it('writes per-target predictions recorded with the run, and compares two evaluated models target by target', async () => {
    const dir = tmp();
    const env = { WORKBENCH_REGISTRY: join(dir, 'registry.duckdb') };
    const run = async (args: string[]) => {
      const r = await workbenchAsync(args, env);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const server = await startMidgardServer({ seed: 5, actions: 900 });
    try {
      await run(['midgard', 'sync', '--base-url', server.url, '--store', join(dir, 's.duckdb'), '--rps', '500']);
    } finally {
      await server.close();
    }
    const features = join(dir, 'features');
    await run(['maya', 'features', '--store', join(dir, 's.duckdb'), '--out', features, '--seq-len', '6']);
    const evaluated: { run: string; targets: number; headline: Headline; lines: Line[] }[] = [];
    for (const seed of ['1', '2']) {
      const model = join(dir, `model-${seed}`);
      await run([
        'maya',
        'train',
        '--data',
        features,
        '--preset',
        'tiny',
        '--out',
        model,
        '--epochs',
        '1',
        '--seed',
        seed,
      ]);
      const out = join(dir, `eval-${seed}`);
      const e = JSON.parse(await run(['maya', 'evaluate', '--model', model, '--out', out, '--json'])) as {
        run: string;
        targets: number;
        headline: Record<string, Headline>;
      };
      const lines = readFileSync(join(out, 'predictions.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Line);
      evaluated.push({ run: e.run, targets: e.targets, headline: e.headline['model:tiny'] as Headline, lines });
    }
    const [a, b] = evaluated as [(typeof evaluated)[0], (typeof evaluated)[0]];
    for (const x of [a, b]) {
      expect(x.run).toMatch(/^[0-9a-f]{32}$/);
      // One line per held-out target, each its own id; the flags and errors average to the report's headline.
      expect(x.lines.length).toBe(x.targets);
      expect(new Set(x.lines.map((l) => l.id)).size).toBe(x.targets);
      expect(mean(x.lines.map((l) => (l.correct ? 1 : 0)))).toBeCloseTo(x.headline.typeAccuracy, 12);
      expect(mean(x.lines.map((l) => (l.pool1Correct ? 1 : 0)))).toBeCloseTo(x.headline.pool1Accuracy, 12);
      const errs = x.lines.map((l) => l.inAmountAbsErrorLog).filter((v): v is number => v !== null);
      expect(mean(errs)).toBeCloseTo(x.headline.inAmountMaeLog as number, 5);
      expect(x.lines.every((l) => l.loss >= 0 && Number.isFinite(l.loss))).toBe(true);
    }
    // Same data and split: the two runs' ids are the same targets.
    expect(b.lines.map((l) => l.id)).toEqual(a.lines.map((l) => l.id));

    const c = JSON.parse(
      await run(['compare', '--a', a.run.slice(0, 12), '--b', b.run, '--out', join(dir, 'cmp'), '--json']),
    ) as {
      n: number;
      unmatched: { a: number; b: number };
      losses: { meanA: number; meanB: number };
      classification: { accuracyA: number; accuracyB: number; mcnemar: { b: number; c: number } };
    };
    expect(c.n).toBe(a.targets);
    expect(c.unmatched).toEqual({ a: 0, b: 0 });
    expect(c.classification.accuracyA).toBeCloseTo(a.headline.typeAccuracy, 12);
    expect(c.classification.accuracyB).toBeCloseTo(b.headline.typeAccuracy, 12);
    expect(c.losses.meanA).toBeCloseTo(mean(a.lines.map((l) => l.loss)), 9);
    // McNemar's discordant counts, counted here from the two files.
    const onlyA = a.lines.filter((l, i) => l.correct && !b.lines[i]?.correct).length;
    const onlyB = a.lines.filter((l, i) => !l.correct && b.lines[i]?.correct).length;
    expect([c.classification.mcnemar.b, c.classification.mcnemar.c]).toEqual([onlyA, onlyB]);
  }, 180_000);
});
