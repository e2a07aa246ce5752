import { round } from '../core';
import { Report, writeReport } from '../report';
import type { ProfilesResult } from './run';

const r3 = (x: number) => round(x, 3);

export function profilesReport(r: ProfilesResult, source: string): Report {
  const rep = new Report(
    'Address behaviour profiles',
    `${r.profiles.length} addresses from ${source}; k = ${r.k} chosen by silhouette`,
  );
  rep.markdown(
    'Per address (the `in_address` of the actions it started): activity (actions, active days, mean log inter-arrival), the mix of swaps, liquidity adds, withdrawals and sends, sizes, pools and assets used, direction balance (native sells − buys over swaps), round trips (a swap reversing the previous one), affiliate and streaming use. ' +
      "Features are standardised (z-scores), clustered by k-means (k-means++ seeding, 5 seeded restarts) for k = 2…8, and k is the one with the highest mean silhouette. Profiles are named from each cluster's centre by fixed rules (see src/profiles/names.ts), never from the simulator's agents.",
  );
  rep.table(
    r.silhouettes.map((s) => ({ k: s.k, silhouette: r3(s.silhouette), chosen: s.k === r.k ? '←' : '' })),
    { caption: 'silhouette by k' },
  );
  rep.table(
    r.centres.map((c) => ({
      profile: c.profile,
      addresses: c.size,
      ...Object.fromEntries(Object.entries(c.means).map(([k, v]) => [k, r3(v)])),
    })),
    { caption: 'profile centres (raw feature means)' },
  );
  if (r.truth) {
    rep.kv(
      {
        'adjusted Rand index (clusters vs simulator agents)': r3(r.truth.ari),
        'adjusted Rand index ("arbitrage bot" profiles vs the rest)': r3(r.truth.botSplitAri),
      },
      "against the simulator's ground truth (arbitrageur / retail)",
    );
    rep.table(
      r.truth.purity.map((p) => ({
        profile: p.cluster,
        addresses: p.size,
        'majority agent': p.majority,
        purity: r3(p.purity),
        arbitrageur: p.counts.arbitrageur ?? 0,
        retail: p.counts.retail ?? 0,
      })),
      { caption: 'per-profile purity' },
    );
  }
  rep.figure({
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x: r.profiles.map((p) => p.logInterArrival),
        y: r.profiles.map((p) => Math.log10(p.actions)),
        text: r.profiles.map((p) => p.profile),
        marker: { color: r.profiles.map((p) => p.cluster), size: 6 },
      },
    ],
    layout: {
      title: { text: 'Addresses: activity vs pace, coloured by profile' },
      xaxis: { title: { text: 'mean log10 inter-arrival (s)' } },
      yaxis: { title: { text: 'log10 actions' } },
    },
  });
  return rep;
}

/** dir/{index.html, profiles.json, profiles.parquet}; the report folder is swapped in whole, so the Parquet bytes travel with it. */
export async function writeProfilesReport(
  dir: string,
  r: ProfilesResult,
  opts: { startedAt: Date; source: string; params: Record<string, unknown>; parquet?: Uint8Array },
): Promise<void> {
  const rep = profilesReport(r, opts.source);
  const summary = {
    k: r.k,
    silhouettes: r.silhouettes,
    addresses: r.profiles.length,
    centres: r.centres,
    truth: r.truth,
    parquet: opts.parquet ? 'profiles.parquet' : null,
  };
  await writeReport(
    dir,
    { title: rep.title, subtitle: rep.subtitle, blocks: rep.blocks },
    {
      kind: 'cli',
      provenance: { startedAt: opts.startedAt, params: opts.params },
      extraFiles: {
        'profiles.json': `${JSON.stringify(summary, null, 2)}\n`,
        ...(opts.parquet ? { 'profiles.parquet': opts.parquet } : {}),
      },
    },
  );
}
