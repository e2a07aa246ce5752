import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { readInputText, WorkbenchError } from '../core';
import { loadPriceCsv } from '../market';
import { writeReport } from '../report';
import { simpleReturns, tearsheet } from '../risk';
import { oneOf, positiveInt, positiveNumber } from './args';
import { columnMap, loadOptions, type LoadFlags } from './market';
import { printJson } from './output';

const ReturnRow = z.object({ date: z.string().min(1), ret: z.number().finite().gt(-1) });

/** A CSV of `date,return` rows (a header line first; simple returns as fractions). */
function loadReturns(path: string): { returns: number[]; dates: string[] } {
  const text = readInputText(path, 'returns file', 'pass a CSV with a date,return header');
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(1)
    .map((l, i) => {
      const [date, r] = l.split(',');
      const p = ReturnRow.safeParse({ date: date?.trim(), ret: Number(r) });
      if (!p.success)
        throw new WorkbenchError(
          `${path} line ${i + 2}: expected date,return with a return above −1, got ${JSON.stringify(l)}`,
          'returns are simple fractions, e.g. 0.012 for +1.2%',
        );
      return p.data;
    });
  if (rows.length < 3) throw new WorkbenchError(`${path} has ${rows.length} return(s)`, 'pass at least three rows');
  return { returns: rows.map((r) => r.ret), dates: rows.map((r) => r.date) };
}

function confidence(value: string): number {
  const n = Number(value);
  if (!(n > 0.5 && n < 1))
    throw new InvalidArgumentError(`expected a confidence between 0.5 and 1, e.g. 0.95; got ${JSON.stringify(value)}`);
  return n;
}

export function registerRisk(program: Command): void {
  const risk = program
    .command('risk')
    .description('Risk metrics (VaR, CVaR, ratios, drawdowns, sizing, VaR backtests) and a tearsheet');
  risk
    .command('report')
    .description('a self-contained HTML tearsheet and summary.json of daily returns (from prices or a returns CSV)')
    .option('--prices <file>', 'OHLC CSV: daily close-to-close returns (buy-and-hold)')
    .option('--returns <file>', 'CSV of date,return (simple returns)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--confidence <c>', 'VaR/CVaR confidence', confidence, 0.95)
    .option('--periods-per-year <n>', 'annualisation (crypto trades every day)', positiveNumber, 365)
    .option('--backtest-window <n>', 'returns before each VaR forecast in the backtest', positiveInt, 250)
    .option(
      '--date-format <fmt>',
      'dates in --prices: auto, iso, mdy or dmy',
      oneOf('auto', 'iso', 'mdy', 'dmy'),
      'auto',
    )
    .option('--columns <map>', 'header names in --prices', columnMap)
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        o: {
          prices?: string;
          returns?: string;
          out: string;
          confidence: number;
          periodsPerYear: number;
          backtestWindow: number;
          json?: boolean;
        } & LoadFlags,
      ) => {
        if (!o.prices === !o.returns)
          throw new WorkbenchError(
            'pass exactly one of --prices and --returns',
            'e.g. --prices data/fixtures/prices/BTC-daily.csv',
          );
        const startedAt = new Date();
        let name: string;
        let r: { returns: number[]; dates: string[] };
        if (o.prices) {
          const s = loadPriceCsv(o.prices, loadOptions(o));
          name = `${s.symbol} buy-and-hold`;
          r = simpleReturns(
            s.bars.map((b) => b.close),
            s.bars.map((b) => b.date),
          );
        } else {
          name = (o.returns as string).replace(/^.*\//, '');
          r = loadReturns(o.returns as string);
        }
        const { report, summary } = tearsheet(name, r.returns, r.dates, {
          confidence: o.confidence,
          periodsPerYear: o.periodsPerYear,
          backtestWindow: o.backtestWindow,
        });
        await writeReport(
          o.out,
          { title: report.title, subtitle: report.subtitle, blocks: report.blocks },
          {
            kind: 'cli',
            provenance: {
              inputs: [(o.prices ?? o.returns) as string],
              params: { confidence: o.confidence, periodsPerYear: o.periodsPerYear, backtestWindow: o.backtestWindow },
              tfjsBackend: null,
              startedAt,
            },
            extraFiles: { 'summary.json': `${JSON.stringify(summary, null, 2)}\n` },
          },
        );
        if (o.json) printJson(summary);
        else
          process.stdout.write(
            `${name}: ${summary.periods} returns; VaR ${(100 * o.confidence).toFixed(1)}% ${(100 * summary.var.historical).toFixed(2)}%, CVaR ${(100 * summary.cvar.historical).toFixed(2)}%, Sharpe ${summary.sharpe.toFixed(2)}, max drawdown ${(100 * summary.drawdown.maxDrawdown).toFixed(1)}% → ${o.out}/index.html\n`,
          );
      },
    );
}
