import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MidgardStore } from '../midgard';
import { adjustedRandIndex, purityByCluster } from './agreement';
import { addressFeatures, FEATURE_NAMES, type AddressFeatures } from './features';
import { chooseK, standardise } from './kmeans';
import { nameClusters } from './names';

export interface AddressProfile extends AddressFeatures {
  cluster: number;
  profile: string;
  /** The simulator's agent behind the address, when known (arbitrageur / retail). */
  agent: string | null;
}

export interface ProfilesResult {
  profiles: AddressProfile[];
  k: number;
  silhouettes: { k: number; silhouette: number }[];
  /** Cluster centres in raw feature units. */
  centres: { profile: string; size: number; means: Record<string, number> }[];
  /**
   * Against the simulator's agents, when given: ARI of the k clusters, ARI of the two-way split
   * "named arbitrage bot" vs the rest, and each profile's purity.
   */
  truth: { ari: number; botSplitAri: number; purity: ReturnType<typeof purityByCluster> } | null;
}

/**
 * Address profiles: features per address, standardised, k-means with k chosen by silhouette
 * (2…kMax, seeded), clusters named from their centres. With `arbitrageurs` (the simulator's
 * ground truth) the clustering is scored by adjusted Rand index and per-profile purity.
 */
export async function profileAddresses(
  store: MidgardStore,
  opts: { chain?: string; seed?: number; kMax?: number; minActions?: number; arbitrageurs?: ReadonlySet<string> } = {},
): Promise<ProfilesResult> {
  const feats = await addressFeatures(store, { chain: opts.chain, minActions: opts.minActions });
  if (feats.length < 3) throw new RangeError(`only ${feats.length} address(es) with actions: profiles need at least 3`);
  const { z } = standardise(feats.map((f) => FEATURE_NAMES.map((n) => f[n])));
  const { best, scores } = chooseK(z, { seed: opts.seed ?? 1, kMax: opts.kMax ?? 8 });
  const names = nameClusters(feats, best.labels, best.k);
  const truthOf = (a: string) => (opts.arbitrageurs ? (opts.arbitrageurs.has(a) ? 'arbitrageur' : 'retail') : null);
  const profiles = feats.map((f, i) => ({
    ...f,
    cluster: best.labels[i] as number,
    profile: names[best.labels[i] as number] as string,
    agent: truthOf(f.address),
  }));
  const centres = names.map((profile, c) => {
    const m = feats.filter((_, i) => best.labels[i] === c);
    return {
      profile,
      size: m.length,
      means: Object.fromEntries(FEATURE_NAMES.map((n) => [n, m.reduce((s, x) => s + x[n], 0) / Math.max(1, m.length)])),
    };
  });
  const truth = opts.arbitrageurs
    ? {
        ari: adjustedRandIndex(
          profiles.map((p) => p.cluster),
          profiles.map((p) => p.agent as string),
        ),
        botSplitAri: adjustedRandIndex(
          profiles.map((p) => p.profile.startsWith('arbitrage bot')),
          profiles.map((p) => p.agent as string),
        ),
        purity: purityByCluster(
          profiles.map((p) => p.profile),
          profiles.map((p) => p.agent as string),
        ),
      }
    : null;
  return { profiles, k: best.k, silhouettes: scores, centres, truth };
}

/** Writes the profiles as Parquet through DuckDB's COPY … TO (FORMAT parquet), whole or not at all. */
export async function writeProfilesParquet(
  store: MidgardStore,
  profiles: readonly AddressProfile[],
  path: string,
): Promise<void> {
  const abs = resolve(path);
  const json = `${abs}.rows-${process.pid}.json`;
  const tmp = `${abs}.tmp-${process.pid}`;
  writeFileSync(json, JSON.stringify(profiles));
  try {
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await store.query(`COPY (SELECT * FROM read_json_auto(${q(json)}) ORDER BY address) TO ${q(tmp)} (FORMAT parquet)`);
    renameSync(tmp, abs);
  } finally {
    rmSync(json, { force: true });
    rmSync(tmp, { force: true });
  }
}
