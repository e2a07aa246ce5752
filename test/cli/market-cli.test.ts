import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MidgardStore } from '../../src/midgard';
import { Registry } from '../../src/registry';
import { ROOT, workbench } from '../helpers/cli';
import { actionPages } from '../helpers/fixtures';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();
const ETH = join(ROOT, 'data/fixtures/prices/ETH-daily.csv');

describe('workbench market', () => {
  it('indicators writes a CSV with every indicator column and reports gaps', () => {
    const out = join(tmp(), 'eth.csv');
    const r = workbench(['market', 'indicators', '--prices', ETH, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 gap(s) not filled');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1976);
    expect(lines[0]).toBe(
      'date,open,high,low,close,volume,sma_10,sma_20,sma_50,ema_12,ema_26,rsi_14,macd,macd_signal,macd_hist,bb_lower,bb_middle,bb_upper,atr_14,stoch_k,stoch_d,adx_14,plus_di,minus_di,obv,vwap',
    );
  });
  it('bad input: one error line with the fix, no stack, nothing written', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'when,open,high,low,close\n2024-01-01,1,1,1,1\n');
    const r = workbench(['market', 'indicators', '--prices', bad, '--out', join(dir, 'x.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: .*no column "date"/m);
    expect(r.stderr).toMatch(/^fix: map it with --columns date=NAME/m);
    expect(r.stderr).not.toContain('    at ');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    const ok = workbench([
      'market',
      'indicators',
      '--prices',
      bad,
      '--columns',
      'date=when',
      '--out',
      join(dir, 'y.json'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'y.json'), 'utf8'))).toHaveLength(1);
  });
  it('evaluate writes metrics.json and the report, and records the run in the registry', async () => {
    const dir = tmp();
    const out = join(dir, 'eval');
    const registry = join(dir, 'registry.duckdb');
    const r = workbench(
      [
        'market',
        'evaluate',
        '--prices',
        ETH,
        '--quick',
        '--models',
        'majority,persistence,logistic',
        '--horizon',
        '1,7',
        '--cost-bps',
        '20',
        '--out',
        out,
      ],
      { WORKBENCH_REGISTRY: registry },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/best accuracy \d+\.\d% \[/);
    const run = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
      kind: string;
      params: { costBps: number; horizons: number[] };
      artifacts: Record<string, string>;
      metrics: Record<string, number>;
      coins: unknown[];
    };
    expect(run.kind).toBe('market-evaluation');
    expect(run.params.costBps).toBe(20);
    expect(run.params.horizons).toEqual([1, 7]);
    expect(run.artifacts).toEqual({ metrics: 'metrics.json', report: 'index.html' });
    expect(run.coins).toHaveLength(2);
    expect(run.metrics['ETH.h7.logistic.accuracy']).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const t of ['claimed 75%', 'ETH, 1-day direction', 'ETH, 7-day direction', 'McNemar p (vs '])
      expect(html, t).toContain(t);
    const reg = await Registry.open(registry);
    try {
      const [summary] = await reg.runs({ experiment: 'market-evaluate' });
      const detail = summary ? await reg.run(summary.id) : null;
      expect(detail?.params).toMatchObject({ horizons: '1,7', cv: 'walk-forward', costBps: '20' });
      expect(detail?.metrics['ETH.h7.logistic.accuracy']?.[0]?.value).toBe(run.metrics['ETH.h7.logistic.accuracy']);
      expect(detail?.artifacts.map((a) => a.name).sort()).toEqual(['index.html', 'metrics.json', 'provenance.json']);
    } finally {
      reg.close();
    }
  }, 120_000);
  it('rejects an unknown model and a bad horizon', () => {
    expect(workbench(['market', 'evaluate', '--prices', ETH, '--models', 'gpt', '--out', tmp()]).stderr).toContain(
      'unknown model(s) gpt',
    );
    expect(workbench(['market', 'evaluate', '--prices', ETH, '--horizon', '0', '--out', tmp()]).stderr).toContain(
      'expected horizons in days',
    );
  });
});

describe('workbench market pool-prices', () => {
  it('builds daily bars from the swaps in a Midgard store (real Maya actions)', async () => {
    const dir = tmp();
    const db = join(dir, 's.duckdb');
    const store = await MidgardStore.open(db);
    const actions = actionPages()
      .filter(([f]) => f.startsWith('maya'))
      .flatMap(([, b]) => b.actions);
    await store.ingestPages([{ source: 'test', chain: 'maya', url: 'http://x', actions, checkpoint: '{}' }]);
    await store.close();
    const out = join(dir, 'eth.csv');
    const r = workbench(['market', 'pool-prices', '--store', db, '--chain', 'maya', '--pool', 'ETH.ETH', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('date,open,high,low,close,volume');
    expect(lines).toHaveLength(2);
    // One inbound tx of 1 ETH that Midgard splits into 0.01 + 0.99 ETH swaps, each listing both
    // outputs (3,329.7336036086 + 33.4352001083 CACAO): 3,363.1688037169 CACAO per ETH.
    const [date, , , , close] = (lines[1] as string).split(',');
    expect(date).toBe('2024-03-12');
    expect(Number(close)).toBeCloseTo(3363.1688037169, 6);
  });
});

describe('workbench risk report', () => {
  it('writes a tearsheet and summary.json from prices', () => {
    const out = join(tmp(), 'risk');
    const r = workbench(['risk', 'report', '--prices', ETH, '--confidence', '0.99', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      confidence: number;
      periodsPerYear: number;
      periods: number;
      backtest: { kupiec: { periods: number } };
    };
    expect(s).toMatchObject({ confidence: 0.99, periodsPerYear: 365, periods: 1974 });
    expect(s.backtest.kupiec.periods).toBe(1974 - 250);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const t of ['Underwater plot', 'Monthly returns', 'VaR exceedances', 'Kupiec POF'])
      expect(html, t).toContain(t);
  });
  it('reads a returns CSV, and names the bad line', () => {
    const dir = tmp();
    const f = join(dir, 'r.csv');
    writeFileSync(f, 'date,return\n2024-01-01,0.01\n2024-01-02,-0.02\n2024-01-03,0.015\n2024-01-04,0.003\n');
    const r = workbench([
      'risk',
      'report',
      '--returns',
      f,
      '--periods-per-year',
      '252',
      '--out',
      join(dir, 'o'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { periodsPerYear: number }).periodsPerYear).toBe(252);
    writeFileSync(f, 'date,return\n2024-01-01,0.01\n2024-01-02,abc\n2024-01-03,0.015\n');
    const bad = workbench(['risk', 'report', '--returns', f, '--out', join(dir, 'p')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^error: .*r\.csv line 3/m);
    expect(workbench(['risk', 'report', '--out', join(dir, 'q')]).stderr).toContain(
      'pass exactly one of --prices and --returns',
    );
  });
});
