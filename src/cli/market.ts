import { renameSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { WorkbenchError } from '../core';
import { MidgardStore } from '../midgard';
import {
  evaluateMany,
  indicatorTable,
  loadPriceCsv,
  poolPriceBars,
  MODEL_NAMES,
  QUICK,
  writeEvaluation,
  type EvaluateConfigInput,
  type LoadOptions,
  type ModelName,
} from '../market';
import { listOf, nonNegativeNumber, oneOf, positiveInt } from './args';
import { printJson } from './output';
import { recordMarketEvaluation } from './record-runs';

/** `open=Open,close=Adj Close`: which CSV header holds each field. */
export function columnMap(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const [k, v] = pair.split('=').map((s) => s.trim());
    if (!k || !v || !['date', 'open', 'high', 'low', 'close', 'volume', 'symbol'].includes(k))
      throw new InvalidArgumentError(
        `expected field=HEADER pairs (fields date, open, high, low, close, volume, symbol), got ${JSON.stringify(pair)}`,
      );
    out[k] = v;
  }
  return out;
}

function horizons(value: string): number[] {
  const hs = value.split(',').map((s) => Number(s.trim()));
  if (hs.some((h) => !Number.isInteger(h) || h < 1 || h > 30))
    throw new InvalidArgumentError(`expected horizons in days (1–30), e.g. 1 or 1,7; got ${JSON.stringify(value)}`);
  return hs;
}

export interface LoadFlags {
  dateFormat: 'auto' | 'iso' | 'mdy' | 'dmy';
  columns?: Record<string, string>;
}

export const loadOptions = (o: LoadFlags): LoadOptions => ({ dateFormat: o.dateFormat, columns: o.columns ?? {} });

/** Writes beside the target then renames, so a failed run leaves no half-written file. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function registerMarket(program: Command): void {
  const market = program
    .command('market')
    .description('Price data, technical indicators and honestly evaluated price-direction models');
  market
    .command('indicators')
    .description(
      'SMA, EMA, RSI, MACD, Bollinger, ATR, Stochastic, ADX (OBV and VWAP with volume) for every bar, as CSV or JSON',
    )
    .requiredOption('--prices <file>', 'OHLC(V) CSV, any row order')
    .requiredOption('--out <file>', 'output (.csv or .json)')
    .option('--date-format <fmt>', 'auto, iso, mdy or dmy', oneOf('auto', 'iso', 'mdy', 'dmy'), 'auto')
    .option('--columns <map>', 'header names, e.g. date=Day,close=Adj Close', columnMap)
    .action((o: { prices: string; out: string } & LoadFlags) => {
      const s = loadPriceCsv(o.prices, loadOptions(o));
      const t = indicatorTable(s.bars);
      if (!/\.(csv|json)$/i.test(o.out))
        throw new WorkbenchError(`cannot tell the format of ${o.out}`, 'end --out with .csv or .json');
      writeAtomically(o.out, /\.json$/i.test(o.out) ? `${JSON.stringify(t.objects())}\n` : `${t.toCSV()}\n`);
      const r = s.report;
      process.stdout.write(
        `${s.symbol}: ${s.bars.length} bars ${r.first} → ${r.last} (input ${r.order}), ${r.duplicates.length} duplicate(s) dropped, ${r.gaps.length} gap(s) not filled, ${r.inconsistent.length} inconsistent bar(s) kept → ${o.out}\n`,
      );
    });
  market
    .command('pool-prices')
    .description(
      'OHLCV bars of a Maya/THORChain pool from the swaps in a Midgard store, as a CSV the other commands read',
    )
    .requiredOption('--store <file>', 'DuckDB store written by workbench midgard sync')
    .requiredOption('--pool <name>', 'pool, e.g. BTC.BTC')
    .requiredOption('--out <file>', 'output CSV (date,open,high,low,close,volume)')
    .option('--chain <chain>', 'maya or thorchain', oneOf('maya', 'thorchain'), 'maya')
    .option('--interval <i>', 'day or hour', oneOf('day', 'hour'), 'day')
    .action(
      async (o: {
        store: string;
        pool: string;
        out: string;
        chain: 'maya' | 'thorchain';
        interval: 'day' | 'hour';
      }) => {
        const store = await MidgardStore.open(o.store);
        try {
          const s = await poolPriceBars(store.actions({ chain: o.chain }), {
            pool: o.pool,
            native: o.chain === 'maya' ? 'MAYA.CACAO' : 'THOR.RUNE',
            interval: o.interval,
          });
          const rows = s.bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume ?? ''].join(','));
          writeAtomically(o.out, `date,open,high,low,close,volume\n${rows.join('\n')}\n`);
          process.stdout.write(
            `${o.pool}: ${s.bars.length} ${o.interval} bars ${s.report.first} → ${s.report.last}, ${s.report.gaps.length} gap(s) not filled → ${o.out}\n`,
          );
        } finally {
          await store.close();
        }
      },
    );
  market
    .command('evaluate')
    .description(
      'walk-forward (or purged k-fold) evaluation of baselines, logistic, LSTM, Transformer and ensemble: metrics.json and an HTML report',
    )
    .requiredOption('--prices <files>', 'one or more OHLC CSVs, comma-separated')
    .requiredOption('--out <dir>', 'output folder (metrics.json, index.html)')
    .option('--horizon <days>', 'direction horizon(s): 1, 7 or 1,7', horizons, [1])
    .option('--cv <kind>', 'walk-forward or purged', oneOf('walk-forward', 'purged'), 'walk-forward')
    .option(
      '--mode <mode>',
      'walk-forward training window: expanding or rolling',
      oneOf('expanding', 'rolling'),
      'expanding',
    )
    .option('--folds <n>', 'test folds', positiveInt)
    .option('--embargo <days>', 'purged k-fold embargo after each test block', positiveInt)
    .option('--models <list>', `comma-separated: ${MODEL_NAMES.join(', ')}`, listOf(MODEL_NAMES, 'model(s)'), [
      ...MODEL_NAMES,
    ] as ModelName[])
    .option('--cost-bps <bp>', 'trading cost per unit change of position, basis points', nonNegativeNumber, 10)
    .option('--dead-band <fraction>', 'moves at or below this size are not labelled (e.g. 0.002)', nonNegativeNumber, 0)
    .option('--epochs <n>', 'training epochs of the neural models', positiveInt)
    .option('--seed <n>', 'model seed', positiveInt, 1)
    .option('--quick', "the demo's small settings (3 folds, tiny nets, 500 bootstrap samples)")
    .option('--date-format <fmt>', 'auto, iso, mdy or dmy', oneOf('auto', 'iso', 'mdy', 'dmy'), 'auto')
    .option('--columns <map>', 'header names, e.g. date=Day,close=Adj Close', columnMap)
    .option('--json', 'print the verdict and flat metrics as JSON')
    .action(
      async (
        o: {
          prices: string;
          out: string;
          horizon: number[];
          cv: 'walk-forward' | 'purged';
          mode: 'expanding' | 'rolling';
          folds?: number;
          embargo?: number;
          models: ModelName[];
          costBps: number;
          deadBand: number;
          epochs?: number;
          seed: number;
          quick?: boolean;
          json?: boolean;
        } & LoadFlags,
      ) => {
        const series = o.prices.split(',').map((p) => loadPriceCsv(p.trim(), loadOptions(o)));
        const base: EvaluateConfigInput = o.quick ? QUICK : {};
        const quickCv = (QUICK.cv ?? {}) as { folds?: number; initialTrain?: number };
        const cv =
          o.cv === 'purged'
            ? { kind: 'purged' as const, folds: o.folds ?? (o.quick ? 3 : 5), embargo: o.embargo ?? 5 }
            : {
                kind: 'walk-forward' as const,
                mode: o.mode,
                folds: o.folds ?? (o.quick ? (quickCv.folds ?? 3) : 5),
                initialTrain: o.quick ? (quickCv.initialTrain ?? 0.6) : 0.5,
                window: 730,
              };
        const net = { ...(base.net ?? {}), seed: o.seed, ...(o.epochs ? { epochs: o.epochs } : {}) };
        const run = await evaluateMany(
          series,
          o.horizon,
          { ...base, cv, models: o.models, costBps: o.costBps, deadBand: o.deadBand, net, seed: o.seed },
          (m) => process.stderr.write(`evaluating ${m}\n`),
        );
        const recorded = await writeEvaluation(o.out, run);
        await recordMarketEvaluation(o.out, recorded);
        if (o.json) printJson({ verdict: recorded.verdict, metrics: recorded.metrics });
        else {
          const v = recorded.verdict;
          process.stdout.write(`${recorded.coins.length} evaluation(s) → ${o.out}/index.html and metrics.json\n`);
          if (v.best)
            process.stdout.write(
              `best accuracy ${(100 * v.best.accuracy).toFixed(1)}% [${(100 * v.best.lo).toFixed(1)}, ${(100 * v.best.hi).toFixed(1)}] (${v.best.model}, ${v.best.symbol}, h=${v.best.horizon}); intervals reaching the claimed 75%: ${v.reachesClaim.length}; beating 50% at p<0.05: ${v.beats50.length}; beating the best baseline: ${v.beatsBaseline.length}\n`,
            );
        }
      },
    );
}
