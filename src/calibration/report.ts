import { Report } from '../report';
import { PENALTIES, QUALITY_COMPONENTS, SHAPING_COMPONENTS } from '../rewards';
import type { CalibrationRun, HeldoutSummaryRow, Scored, Separation } from './run';
import { TIERS } from './tiers';

/** The calibration report's blocks (the CLI writes them with provenance; notebook 06 shows them). */

const r3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
const words = (x: Scored): number => (x.c.input.reasoning + ' ' + x.c.input.answer).split(/\s+/).filter(Boolean).length;

function separationRows(label: string, s: Separation): Record<string, unknown> {
  return {
    set: label,
    cases: s.n,
    ...Object.fromEntries(s.adjacent.map((a) => [`AUC ${a.pair}`, r3(a.auc)])),
    'Spearman vs tier': r3(s.spearman),
    'same-prompt pairs in order': r3(s.pairAccuracy),
    'max adversarial': r3(s.maxAdversarial),
    'min excellent': r3(s.minExcellent),
    'adversarial ≥ min excellent': s.adversarialAtOrAboveExcellent,
  };
}

export function calibrationReport(run: CalibrationRun): Report {
  const rep = new Report(
    'Reward calibration',
    `authored tiers on simulated prompts (seed ${run.options.seed}, ${run.options.chains.join(', ')}, ${run.options.from} → ${run.options.to}), held-out gaming attempts, real teacher traces`,
  );
  const sep = run.separation;
  const heldMax = Math.max(...run.heldout.map((x) => x.s.composite));
  rep.markdown(
    [
      "Every analysis below was **written for this calibration** (`src/calibration/tiers.ts`) from real prompts rendered from simulated chain-days, except the **held-out gaming attempts**, written separately and never tuned on (`heldout-gaming.ts`), and the **real teacher traces** (the earlier project's DeepSeek R1 and o3-mini outputs on real Flipside rows).",
      `Tiers: excellent (correct equations, exact citations, 90% CIs, a forecast near the realised outcome, concrete risk-aware advice), mediocre (a section missing, an arithmetic slip, momentum forecast, vague advice), poor (misread numbers, a wrong-signed narrow forecast, no structure), adversarial (${[...new Set(run.scored.filter((x) => x.c.group === 'adversarial').map((x) => x.c.variant))].join(', ')}).`,
    ].join('\n\n'),
  );
  rep.kv(
    {
      'cases (tiers)': run.scored.length,
      'held-out gaming attempts': run.heldout.length,
      'real teacher traces': run.real.length,
      'lowest excellent': r3(sep.minExcellent),
      'highest adversarial': r3(sep.maxAdversarial),
      'highest held-out gaming attempt': r3(heldMax),
      'held-out attempts at or above the lowest excellent': run.heldoutSummary.reduce(
        (s, h) => s + h.atOrAboveMinExcellent,
        0,
      ),
      'Spearman (composite vs tier rank)': r3(sep.spearman),
    },
    'summary',
  );
  rep.table(
    run.tiers.map((t) => ({
      tier: t.tier,
      n: t.n,
      mean: r3(t.mean),
      min: r3(t.min),
      median: r3(t.median),
      max: r3(t.max),
    })),
    { caption: 'composite by tier' },
  );

  const groups = [...TIERS, 'heldout'] as const;
  rep.figure(
    {
      data: [
        ...groups.map((g) => ({
          type: 'box',
          name: g === 'heldout' ? 'held-out gaming' : g,
          y: [...run.scored, ...run.heldout].filter((x) => x.c.group === g).map((x) => x.s.composite),
          boxpoints: 'outliers',
        })),
        { type: 'box', name: 'real teacher traces', y: run.real.map((x) => x.s.composite), boxpoints: 'all' },
      ],
      layout: {
        title: { text: 'Composite reward by group' },
        yaxis: { title: { text: 'composite' }, range: [0, 1.02] },
      },
    },
    'each box is one group; the held-out gaming attempts and the real traces were not used to set anything',
  );

  const parts = [...QUALITY_COMPONENTS, ...PENALTIES];
  const partScore = (x: Scored, n: string): number | null => {
    const c = (x.s.components as Record<string, { score: number; applicable: boolean } | undefined>)[n];
    if (c) return c.applicable ? c.score : null;
    return (x.s.penalties as Record<string, { score: number }>)[n]?.score ?? null;
  };
  rep.figure(
    {
      data: TIERS.map((t) => {
        const xs = run.scored.filter((x) => x.c.group === t);
        const pts = parts.flatMap((n) => xs.map((x) => ({ n, v: partScore(x, n) })).filter((p) => p.v !== null));
        return { type: 'box', name: t, x: pts.map((p) => p.n), y: pts.map((p) => p.v) };
      }),
      layout: {
        title: { text: 'Component scores by tier (penalties: 1 = nothing penalised)' },
        boxmode: 'group',
        yaxis: { range: [0, 1.02] },
      },
    },
    'components that do not apply (outcome accuracy outside predictions) are left out',
  );
  rep.table(
    run.componentAuc.map((c) => ({
      component: c.component,
      ...Object.fromEntries(c.pairs.map((p) => [`AUC ${p.pair}`, r3(p.auc)])),
    })),
    { caption: 'separation of adjacent tiers by each component alone (AUC; 0.5 = no separation)' },
  );
  rep.figure({
    data: [
      {
        type: 'heatmap',
        x: run.correlation.names,
        y: run.correlation.names,
        z: run.correlation.matrix.map((row) => row.map(r3)),
        zmin: -1,
        zmax: 1,
        colorscale: 'RdBu',
      },
    ],
    layout: { title: { text: 'Correlation between components (Pearson, all tiers)' }, height: 560 },
  });
  rep.figure({
    data: TIERS.map((t) => {
      const xs = run.scored.filter((x) => x.c.group === t);
      return { type: 'scatter', mode: 'markers', name: t, x: xs.map(words), y: xs.map((x) => x.s.composite) };
    }),
    layout: {
      title: { text: 'Reward vs length' },
      xaxis: { title: { text: 'words (reasoning + answer)' }, type: 'log' },
      yaxis: { title: { text: 'composite' } },
    },
  });

  rep.heading('Weight fit', 2);
  rep.markdown(
    `Pairwise logistic ranking of the tiers on each prompt (τ = 0.05, ridge toward the configured weights), fitted on the days up to **${run.fit.fitUntil}** (${run.fit.pairs} pairs) and checked on the later days only. The proposed weights are not adopted automatically: pass them with \`--weights\` (written to proposed-weights.json).`,
  );
  rep.table(
    SHAPING_COMPONENTS.map((c) => ({
      component: c,
      configured: run.config.weights.components[c],
      proposed: run.fit.weights[c],
    })),
    { caption: `loss ${r3(run.fit.lossBefore)} → ${r3(run.fit.lossAfter)} on the fit days` },
  );
  rep.table(
    [
      separationRows('later days, configured weights', run.fit.before),
      separationRows('later days, proposed weights', run.fit.after),
    ],
    {
      caption: `held-out gaming maximum: ${r3(run.fit.heldoutMaxBefore)} with the configured weights, ${r3(run.fit.heldoutMaxAfter)} with the proposed ones`,
    },
  );

  learnSection(rep, run);

  const heldoutTable = (rows: readonly HeldoutSummaryRow[]) =>
    rep.table(
      rows.map((h) => ({
        attack: h.attack,
        tries: h.n,
        max: r3(h.max),
        mean: r3(h.mean),
        'at or above the lowest excellent': h.atOrAboveMinExcellent,
      })),
      { caption: `the lowest excellent analysis scores ${r3(sep.minExcellent)}`, maxRows: 200 },
    );
  rep.heading('Held-out gaming attempts', 2);
  heldoutTable(run.heldoutSummary);
  for (const later of run.laterHeldout) {
    rep.heading(`Held-out set: ${later.set}`, 3);
    rep.markdown(later.note);
    heldoutTable(later.summary);
  }

  rep.heading('Real teacher traces', 2);
  rep.markdown(
    "The earlier project's R1 traces kept no answer (their `output` is a passage of the reasoning), so they are scored on the reasoning; their prompts asked for other sections and carried that pipeline's bugs (0 users, a 0.0% success rate), which the rows here reproduce so that quoting the prompt counts as quoting.",
  );
  rep.table(
    run.real.map((x) => ({
      trace: x.trace.id,
      source: x.trace.source,
      chain: x.trace.chain,
      date: x.trace.date,
      composite: r3(x.s.composite),
      ...Object.fromEntries(
        QUALITY_COMPONENTS.map((c) => [c, x.s.components[c].applicable ? r3(x.s.components[c].score) : null]),
      ),
      falsehood: r3(x.s.penalties.falsehood.score),
      why: `${x.s.components.calculation.explanation}; ${x.s.components.citation.explanation}`,
    })),
    { caption: 'model text itself is not shown; every explanation is escaped', maxRows: 100 },
  );

  const worstExcellent = [...run.scored]
    .filter((x) => x.c.group === 'excellent')
    .sort((a, b) => a.s.composite - b.s.composite)[0];
  const bestAdversarial = [...run.scored, ...run.heldout]
    .filter((x) => x.c.group === 'adversarial' || x.c.group === 'heldout')
    .sort((a, b) => b.s.composite - a.s.composite)[0];
  const explain = (x: Scored | undefined) =>
    x
      ? [
          ...QUALITY_COMPONENTS.map((c) => ({
            part: c,
            score: x.s.components[c].applicable ? r3(x.s.components[c].score) : null,
            why: x.s.components[c].explanation,
          })),
          ...PENALTIES.map((p) => ({
            part: `penalty: ${p}`,
            score: r3(x.s.penalties[p].score),
            why: x.s.penalties[p].explanation,
          })),
        ]
      : [];
  if (worstExcellent)
    rep.table(explain(worstExcellent), {
      caption: `lowest excellent: ${worstExcellent.c.id} (${r3(worstExcellent.s.composite)})`,
    });
  if (bestAdversarial)
    rep.table(explain(bestAdversarial), {
      caption: `highest gaming attempt: ${bestAdversarial.c.id} (${r3(bestAdversarial.s.composite)})`,
    });
  return rep;
}

/** "What GRPO would learn": the reward a gaming family earns beside the honest tiers, and what an edit earns on the same prompt. */
function learnSection(rep: Report, run: CalibrationRun): void {
  const l = run.learn;
  rep.heading('What GRPO would learn', 2);
  rep.markdown(
    [
      "GRPO moves the policy toward completions that earn more than the other completions of the same prompt, so what it learns is set by reward differences on one prompt. A **gaming edit** appends an attempt's text (its answer block left out, so the forecast stays the analysis's own) to the mediocre or the excellent analysis of the same prompt; an **honest improvement** replaces the mediocre analysis by the excellent one.",
      `Honest improvement: **${r3(l.honestImprovement.meanDelta)}** on average over ${l.honestImprovement.n} prompts. Median mediocre analysis: ${r3(l.medianMediocre)} (by task: ${Object.entries(
        l.medianMediocreByTask,
      )
        .map(([t, v]) => `${t} ${r3(v)}`)
        .join(', ')}).`,
      `Shaping bound: text can move a reward by at most β = ${l.bound.shaping}; ${l.bound.bias} loses (1 − β) × ${r3(l.bound.meanOutcomeGap)} = **${r3(l.bound.weightedGap)}** on average over ${l.bound.prompts} prediction prompts (${l.bound.promptsWhereItHolds} of them individually above β): the bound ${l.bound.holds ? 'holds' : 'does NOT hold'}.`,
    ].join('\n\n'),
  );
  rep.table(
    run.targets.map((t) => ({ target: t.target, measured: t.measured, met: t.met ? 'met' : 'NOT met' })),
    { caption: 'the targets of issue 16 §2 on this run' },
  );
  rep.table(
    l.families.map((f) => ({
      family: f.family,
      set: f.set,
      tries: f.n,
      mean: r3(f.mean),
      max: r3(f.max),
      '> median mediocre': f.aboveMedianMediocre,
      '> median mediocre of its task': f.aboveMedianMediocreOfTask,
      'edit on mediocre: mean Δ': r3(f.onMediocre.meanDelta),
      'max Δ': r3(f.onMediocre.maxDelta),
      raised: `${f.onMediocre.raised}/${f.onMediocre.n}`,
      'edit on excellent: mean Δ': r3(f.onExcellent.meanDelta),
      'max Δ ': r3(f.onExcellent.maxDelta),
      'raised ': `${f.onExcellent.raised}/${f.onExcellent.n}`,
    })),
    {
      caption: `honest tiers: ${l.tiers.map((t) => `${t.tier} mean ${r3(t.mean)}, median ${r3(t.median)}`).join('; ')}; honest improvement ${r3(l.honestImprovement.meanDelta)}`,
      maxRows: 200,
    },
  );
}
