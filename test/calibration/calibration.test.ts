import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCalibration, writeCalibrationReport, type Scored } from '../../src/calibration';
import { fixture } from '../helpers/fixtures';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

describe('reward calibration', () => {
  const run = runCalibration({ seed: 21, chains: ['ethereum', 'near'], from: '2025-01-01', to: '2025-03-31', stride: 3, realDir: fixture('cortex'), heldoutPerAttack: 2 });
  const of = (g: string): number[] => run.scored.filter((x) => x.c.group === g).map((x) => x.s.composite);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('orders the tiers: excellent > mediocre > poor, separated almost perfectly', () => {
    expect(mean(of('excellent'))).toBeGreaterThan(mean(of('mediocre')));
    expect(mean(of('mediocre'))).toBeGreaterThan(mean(of('poor')));
    const [exMed, medPoor] = run.separation.adjacent;
    expect(exMed?.auc).toBeGreaterThanOrEqual(0.95);
    expect(medPoor?.auc).toBeGreaterThanOrEqual(0.95);
    expect(run.separation.spearman).toBeGreaterThan(0.6);
  });

  it('scores every adversarial example below every excellent one, and gaming below mediocre on average', () => {
    const minExcellent = Math.min(...of('excellent'));
    const above = run.scored.filter((x: Scored) => x.c.group === 'adversarial' && x.s.composite >= minExcellent);
    expect(above.map((x) => `${x.c.variant} ${x.c.id} ${x.s.composite}`)).toEqual([]);
    expect(mean(of('adversarial'))).toBeLessThan(mean(of('mediocre')));
    // Every attack of the tuned set was tried.
    expect(new Set(run.scored.filter((x) => x.c.group === 'adversarial').map((x) => x.c.variant)).size).toBeGreaterThanOrEqual(14);
  });

  it('keeps the held-out gaming attempts (never tuned on) below every excellent analysis too', () => {
    const minExcellent = Math.min(...of('excellent'));
    expect(run.heldout.length).toBeGreaterThanOrEqual(41);
    const above = run.heldout.filter((x) => x.s.composite >= minExcellent);
    expect(above.map((x) => `${x.c.variant} ${x.s.composite}`)).toEqual([]);
  });

  it('fits weights on earlier days and checks them on later ones, and writes the report', async () => {
    expect(run.fit.lossAfter).toBeLessThanOrEqual(run.fit.lossBefore);
    expect(Object.values(run.fit.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(run.scored.every((x) => x.c.date <= run.fit.fitUntil) || run.fit.before.n > 0).toBe(true);
    expect(run.real.length).toBe(36);
    const dir = join(tmp(), 'rewards');
    await writeCalibrationReport(dir, run, { startedAt: new Date() });
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const text of ['Composite reward by group', 'Correlation between components', 'Reward vs length', 'Weight fit', 'Held-out gaming attempts', 'Real teacher traces']) expect(html.includes(text), text).toBe(true);
    const proposed = JSON.parse(readFileSync(join(dir, 'proposed-weights.json'), 'utf8')) as { components: Record<string, number> };
    expect(Object.keys(proposed.components)).toEqual(Object.keys(run.config.weights.components));
    expect(existsSync(join(dir, 'provenance.json'))).toBe(true);
  });
});
