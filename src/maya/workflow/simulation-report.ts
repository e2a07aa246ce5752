import { Report, type PlotlyFigure } from '../../report';
import { quantile, type FeedComparison, type FeedSummary } from './compare-feed';
import type { KeyParitySummary } from './key-parity';

export interface SimulationInfo {
  model: string;
  preset: string;
  steps: number;
  temperature: number;
  topK: number;
  seed: number;
  seedActions: { count: number; firstHeight: string | null; lastHeight: string | null };
  invalid: { index: number; reason: string }[];
  keyParity: KeyParitySummary;
  keyGaps: string[];
}

const SIM = '#d62728';
const REAL = '#1f77b4';

function overlay(title: string, axis: string, s: readonly number[], r: readonly number[]): PlotlyFigure {
  const trace = (name: string, x: readonly number[], color: string) => ({
    type: 'histogram',
    name,
    x,
    histnorm: 'probability',
    opacity: 0.55,
    marker: { color },
  });
  return {
    data: [trace('simulated', s, SIM), trace('real', r, REAL)],
    layout: {
      title: { text: title },
      barmode: 'overlay',
      xaxis: { title: { text: axis } },
      yaxis: { title: { text: 'share' } },
      height: 360,
    },
  };
}

function stats(name: string, f: FeedSummary, pick: (f: FeedSummary) => readonly number[]) {
  const xs = pick(f);
  return { feed: name, n: xs.length, p10: quantile(xs, 0.1), median: quantile(xs, 0.5), p90: quantile(xs, 0.9) };
}

/** Simulated against real actions of the same stretch of the held-out test block. */
export function simulationReport(c: FeedComparison, info: SimulationInfo): Report {
  const rep = new Report(
    'Maya feed simulation',
    `${info.steps} generated actions · ${info.preset} · temperature ${info.temperature}, top-k ${info.topK || 'off'}, seed ${info.seed}`,
  );
  rep.markdown(
    `The model generated **${c.simulated.actions}** actions autoregressively from a seed window of ${info.seedActions.count} real actions ` +
      `(heights ${info.seedActions.firstHeight ?? '—'}–${info.seedActions.lastHeight ?? '—'}), the start of the held-out **test** block. ` +
      `Each generated action was decoded into a full Midgard action and fed back through the training feature extractor. ` +
      `It is compared with the **${c.real.actions}** real actions that followed the same seed. ` +
      `**${info.invalid.length}** generated actions failed the Midgard schema. ` +
      `**${info.keyParity.complete} of ${info.keyParity.generated}** carry every key the trained-on feed carries for their kind, no other, with values of the feed's kinds ` +
      `(key sets ${info.keyParity.source === 'model' ? 'recorded with the model' : "read from the store's train block"}).`,
  );
  rep.table(
    Object.entries(info.keyParity.perKind).map(([kind, k]) => ({
      kind,
      generated: k.generated,
      complete: k.complete,
      missing: Object.keys(k.missing).join(', '),
      'not in the feed': Object.keys(k.extra).join(', '),
      'wrong kind': Object.keys(k.wrongKind).join(', '),
    })),
    { caption: 'key parity with the trained-on feed, per action kind' },
  );
  rep.kv(
    {
      'type mix: total variation distance': c.typeMixTvd,
      'input size: KS statistic': c.sizeKs,
      'inter-arrival time: KS statistic': c.interArrivalKs,
    },
    '0 = identical distributions, 1 = disjoint',
  );
  rep.heading('Type mix');
  const types = [...new Set([...Object.keys(c.real.typeMix), ...Object.keys(c.simulated.typeMix)])].sort(
    (a, b) => (c.real.typeMix[b] ?? 0) - (c.real.typeMix[a] ?? 0),
  );
  rep.table(types.map((t) => ({ type: t, real: c.real.typeMix[t] ?? 0, simulated: c.simulated.typeMix[t] ?? 0 })));
  rep.figure({
    data: [
      {
        type: 'bar',
        name: 'simulated',
        x: types,
        y: types.map((t) => c.simulated.typeMix[t] ?? 0),
        marker: { color: SIM },
      },
      { type: 'bar', name: 'real', x: types, y: types.map((t) => c.real.typeMix[t] ?? 0), marker: { color: REAL } },
    ],
    layout: { title: { text: 'Action types' }, barmode: 'group', yaxis: { title: { text: 'share' } }, height: 360 },
  });
  rep.heading('Sizes');
  rep.table([stats('simulated', c.simulated, (f) => f.logSizes), stats('real', c.real, (f) => f.logSizes)], {
    caption: 'log10 of the first input coin in whole units of its asset',
  });
  rep.figure(overlay('Input size', 'log10(amount in whole units)', c.simulated.logSizes, c.real.logSizes));
  rep.heading('Inter-arrival times');
  rep.table(
    [stats('simulated', c.simulated, (f) => f.interArrivalSec), stats('real', c.real, (f) => f.interArrivalSec)],
    { caption: 'seconds between consecutive actions (0 = same block)' },
  );
  rep.figure(overlay('Inter-arrival time', 'seconds', c.simulated.interArrivalSec, c.real.interArrivalSec));
  if (info.invalid.length) {
    rep.heading('Invalid actions');
    rep.table(info.invalid.slice(0, 50));
  }
  return rep;
}
