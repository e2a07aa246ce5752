import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auc, LATER_HELDOUT_SETS, runCalibration, writeCalibrationReport, type Scored } from '../../src/calibration';
import { fixture } from '../helpers/fixtures';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('reward calibration', () => {
  const run = runCalibration({
    seed: 21,
    chains: ['ethereum', 'near'],
    from: '2025-01-01',
    to: '2025-03-31',
    stride: 3,
    realDir: fixture('cortex'),
    heldoutPerAttack: 2,
    // Set 3 stays out of the assertions: it is reported once, not held to targets it was not tuned for.
    laterHeldout: LATER_HELDOUT_SETS.filter((h) => h.set === 'held-out 2'),
  });
  const of = (g: string): number[] => run.scored.filter((x) => x.c.group === g).map((x) => x.s.composite);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  const key = (id: string): string => id.split('/').slice(0, 3).join('/');
  const excellentOf = new Map(
    run.scored.filter((x) => x.c.group === 'excellent').map((x) => [key(x.c.id), x.s.composite]),
  );

  it('orders the tiers: excellent > mediocre > poor; on prediction prompts mediocre > poor as well', () => {
    expect(mean(of('excellent'))).toBeGreaterThan(mean(of('mediocre')));
    expect(mean(of('mediocre'))).toBeGreaterThan(mean(of('poor')));
    const [exMed] = run.separation.adjacent;
    expect(exMed?.auc).toBeGreaterThanOrEqual(0.9);
    // Without an outcome the graded claims decide: the mediocre tier's two right derived numbers and one slip
    // score 2/3 before penalties, the poor tier's misreads 0 (claims.ts).
    const task = (g: string, t: (x: string) => boolean): number[] =>
      run.scored.filter((x) => x.c.group === g && t(x.c.task)).map((x) => x.s.composite);
    const noOutcome = (t: string): boolean => t !== 'predict7d';
    expect(auc(task('mediocre', noOutcome), task('poor', noOutcome))).toBeGreaterThanOrEqual(0.95);
    const [, medPoor] = run.separation.adjacent;
    expect(medPoor?.auc).toBeGreaterThanOrEqual(0.8);
  });

  it('meets the gaming targets of issue 16 §2 on other days and chains than the report: no gaming edit raises an honest analysis, no attempt without an outcome beats the median mediocre one of its task', () => {
    const row = (prefix: string) => run.targets.find((t) => t.target.startsWith(prefix));
    expect(row('appending any gaming text')?.met, row('appending any gaming text')?.measured).toBe(true);
    for (const set of ['held-out', 'held-out 2']) {
      const r = row(`${set}: every attempt below the median mediocre analysis of its task (tasks without an outcome)`);
      expect(r?.met, `${set}: ${r?.measured}`).toBe(true);
    }
    // Edits were really tried: every tier base of every attempt's prompt.
    expect(row('appending any gaming text')?.measured).toMatch(/^0 of [1-9]\d+ edits/);
  });

  it('scores no adversarial example above the excellent analysis of its own prompt (what GRPO compares), and gaming below mediocre on average', () => {
    const above = run.scored.filter(
      (x: Scored) => x.c.group === 'adversarial' && x.s.composite > (excellentOf.get(key(x.c.id)) ?? 0),
    );
    expect(above.map((x) => `${x.c.variant} ${x.c.id} ${x.s.composite}`)).toEqual([]);
    expect(mean(of('adversarial'))).toBeLessThan(mean(of('mediocre')));
    // Every attack of the tuned set was tried.
    expect(
      new Set(run.scored.filter((x) => x.c.group === 'adversarial').map((x) => x.c.variant)).size,
    ).toBeGreaterThanOrEqual(14);
  });

  it('keeps every held-out gaming attempt on a prediction prompt below every excellent prediction', () => {
    expect(run.heldout.length).toBeGreaterThanOrEqual(41);
    const minExcellent = Math.min(
      ...run.scored.filter((x) => x.c.group === 'excellent' && x.c.task === 'predict7d').map((x) => x.s.composite),
    );
    const above = run.heldout.filter((x) => x.c.task === 'predict7d' && x.s.composite >= minExcellent);
    expect(above.map((x) => `${x.c.variant} ${x.s.composite}`)).toEqual([]);
  });

  it('pays an honest improvement far more than any gaming edit, and text less than a biased forecast costs', () => {
    const l = run.learn;
    expect(l.honestImprovement.meanDelta).toBeGreaterThan(0.4);
    for (const f of l.families)
      expect(f.onMediocre.meanDelta, `${f.set} ${f.family}`).toBeLessThan(l.honestImprovement.meanDelta / 4);
    expect(l.bound.prompts).toBeGreaterThan(5);
    expect(l.bound.holds).toBe(true);
  });

  it('fits weights on earlier days and checks them on later ones, and writes the report', async () => {
    expect(run.fit.lossAfter).toBeLessThanOrEqual(run.fit.lossBefore);
    expect(Object.values(run.fit.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(run.scored.every((x) => x.c.date <= run.fit.fitUntil) || run.fit.before.n > 0).toBe(true);
    expect(run.real.length).toBe(36);
    const dir = join(tmp(), 'rewards');
    await writeCalibrationReport(dir, run, { startedAt: new Date() });
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const text of [
      'What GRPO would learn',
      'Composite reward by group',
      'Correlation between components',
      'Reward vs length',
      'Weight fit',
      'Held-out gaming attempts',
      'Real teacher traces',
    ])
      expect(html.includes(text), text).toBe(true);
    const proposed = JSON.parse(readFileSync(join(dir, 'proposed-weights.json'), 'utf8')) as {
      components: Record<string, number>;
    };
    expect(Object.keys(proposed.components)).toEqual(Object.keys(run.config.weights.components));
    expect(existsSync(join(dir, 'provenance.json'))).toBe(true);
  });
});
