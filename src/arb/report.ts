import { Report } from '../report';
import type { BotSummary, TraderProfile } from './bots';
import type { Opportunity } from './opportunity';
import type { Evaluation } from './truth';
import { round } from '../core';

const roundTo = (x: number, d = 3) => round(x, d);

/** Plotly figures shared by the CLI report and the notebook. */
export function gapFigure(opps: readonly Opportunity[]) {
  const pools = [...new Set(opps.filter((o) => o.kind === 'external').map((o) => o.pools[0] as string))];
  return {
    data: pools.map((p) => {
      const os = opps.filter((o) => o.kind === 'external' && o.pools[0] === p && o.phase === 'start');
      return {
        type: 'scattergl',
        mode: 'markers',
        name: p.split('|')[1]?.slice(0, 14) ?? p,
        x: os.map((o) => o.height),
        y: os.map((o) => o.gapBps),
        marker: { size: 4 },
      };
    }),
    layout: {
      title: { text: 'Open gaps to the external price (block starts worth the threshold)' },
      xaxis: { title: { text: 'height' } },
      yaxis: { title: { text: 'pool / external − 1 (bps)' } },
    },
  };
}

export function profitFigure(opps: readonly Opportunity[]) {
  const kinds = ['external', 'triangle', 'cross'] as const;
  return {
    data: kinds.map((k) => ({
      type: 'histogram',
      name: k,
      x: opps.filter((o) => o.kind === k).map((o) => Math.log10(Math.max(o.profitUsd, 0.01))),
      opacity: 0.7,
    })),
    layout: {
      barmode: 'overlay',
      title: { text: 'Estimated profit at the best size' },
      xaxis: { title: { text: 'log10 USD' } },
      yaxis: { title: { text: 'opportunities' } },
    },
  };
}

export function profitErrorFigure(ev: Evaluation) {
  const p = ev.profitError.pairs;
  return {
    data: [
      {
        type: 'scattergl',
        mode: 'markers',
        x: p.map((x) => x.realised),
        y: p.map((x) => x.estimated),
        name: 'trades',
        marker: { size: 5 },
      },
    ],
    layout: {
      title: { text: "Estimated vs realised profit of the arbitrageurs' own trades" },
      xaxis: { title: { text: 'realised USD' }, type: 'log' },
      yaxis: { title: { text: 'estimated USD' }, type: 'log' },
    },
  };
}

export function evaluationRows(ev: Evaluation) {
  return [
    { set: `all (truth ≥ $${ev.minProfitUsd})`, ...scoreRow(ev.all) },
    { set: 'clear (truth ≥ 1.25× / < 0.8× threshold)', ...scoreRow(ev.clear) },
  ];
}

function scoreRow(s: Evaluation['all']) {
  return {
    'truth positives': s.truthPositives,
    detections: s.detections,
    'true positives': s.truePositives,
    precision: roundTo(s.precision),
    recall: roundTo(s.recall),
  };
}

export function evaluationReport(o: {
  ev: Evaluation;
  opportunities: readonly Opportunity[];
  profiles: readonly TraderProfile[];
  bots: BotSummary;
  poolBlocks: number;
  seconds: number;
  source: string;
}): Report {
  const r = new Report("Arbitrage scanner vs the simulator's planted mispricings", o.source);
  r.markdown(
    'Block-start states of every pool are replayed from the stored actions and priced against the external walk; the simulator recorded the exact depths and prices it planted. ' +
      'A truth positive is a planted state whose exact best trade (CLP, liquidity and outbound fees) earns at least the threshold.',
  );
  r.table(evaluationRows(o.ev), { caption: 'detection at block starts' });
  r.kv(
    {
      'back-run gaps seen right after the swap that opened them': `${o.ev.backrunRecall.detected} / ${o.ev.backrunRecall.positives} (recall ${roundTo(o.ev.backrunRecall.recall)})`,
      "profit error at the arbitrageur's own size (trades ≥ threshold)": `${o.ev.profitError.trades} trades, median ${roundTo(o.ev.profitError.medianAbsPct, 4)}%, mean ${roundTo(o.ev.profitError.meanAbsPct, 4)}%, within 5%: ${roundTo(100 * o.ev.profitError.within5Pct, 1)}%`,
      'pool-blocks scanned': o.poolBlocks,
      'scan speed (pool-blocks/s, this run)': Math.round(o.poolBlocks / Math.max(o.seconds, 1e-9)),
    },
    'scores',
  );
  r.figure(gapFigure(o.opportunities));
  r.figure(profitFigure(o.opportunities));
  r.figure(profitErrorFigure(o.ev));
  r.heading('Who arbitrages', 2);
  r.kv({
    traders: o.bots.traders,
    'labelled bots': o.bots.bots,
    "bots' share of swap volume": roundTo(o.bots.botVolumeShare),
    "bots' share of captured profit": roundTo(o.bots.botCapturedShare),
    ...(o.bots.truth
      ? {
          "label precision vs the simulator's arbitrageurs": roundTo(o.bots.truth.precision),
          'label recall': roundTo(o.bots.truth.recall),
        }
      : {}),
  });
  r.table(
    o.profiles.slice(0, 15).map((p) => ({
      trader: p.trader,
      swaps: p.swaps,
      sells: p.sells,
      buys: p.buys,
      'volume USD': Math.round(p.volumeUsd),
      'captured USD': roundTo(p.capturedUsd, 2),
      'gap-closing share': roundTo(p.gapClosingShare),
      'median gap bps': roundTo(p.medianGapBps, 1),
      bot: p.bot,
    })),
    { caption: 'largest traders by volume' },
  );
  return r;
}
