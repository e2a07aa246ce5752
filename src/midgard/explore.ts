import { WorkbenchError } from '../core';
import type { MidgardStore } from './store';

/** Summaries of a store for notebooks and reports: plain records, ready for arquero and plotly. */

const BUCKETS = { hour: 3_600_000_000_000n, day: 86_400_000_000_000n } as const;
export type Bucket = keyof typeof BUCKETS;

function bucketNs(bucket: string): bigint {
  const ns = BUCKETS[bucket as Bucket];
  if (ns === undefined)
    throw new WorkbenchError(`bucket must be one of ${Object.keys(BUCKETS).join(', ')}, got "${bucket}"`);
  return ns;
}

/** Actions per type in each time bucket (bucket start as ISO time). */
export async function actionsPerType(
  store: MidgardStore,
  bucket: Bucket = 'hour',
): Promise<{ time: string; type: string; actions: number }[]> {
  const ns = bucketNs(bucket);
  const rows = await store.query(
    `SELECT (date_ns // ${ns}) * ${ns / 1_000_000n} AS ms, type, count(*)::INTEGER AS actions FROM actions GROUP BY ALL ORDER BY ms, type`,
  );
  return rows.map((r) => ({
    time: new Date(Number(r.ms)).toISOString(),
    type: String(r.type),
    actions: Number(r.actions),
  }));
}

/**
 * How addresses recur: for each action, whether its first in-address acted before; and how
 * many actions each address made (the reuse distribution).
 */
export async function addressReuse(
  store: MidgardStore,
): Promise<{ share: number; perAddress: { actions: number; addresses: number }[] }> {
  const [share] = await store.query(
    `SELECT avg(CASE WHEN n > 1 THEN 1 ELSE 0 END)::DOUBLE AS share FROM (
       SELECT row_number() OVER (PARTITION BY in_address ORDER BY height, date_ns, id) AS n FROM actions WHERE in_address IS NOT NULL AND in_address <> '')`,
  );
  const per = await store.query(
    `SELECT actions::INTEGER AS actions, count(*)::INTEGER AS addresses FROM (
       SELECT in_address, count(*) AS actions FROM actions WHERE in_address IS NOT NULL AND in_address <> '' GROUP BY in_address)
     GROUP BY actions ORDER BY actions`,
  );
  return {
    share: Number(share?.share ?? 0),
    perAddress: per.map((r) => ({ actions: Number(r.actions), addresses: Number(r.addresses) })),
  };
}

export async function quarantineSummary(store: MidgardStore): Promise<{ reason: string; actions: number }[]> {
  const rows = await store.query(
    'SELECT reason, count(*)::INTEGER AS actions FROM quarantine GROUP BY reason ORDER BY actions DESC, reason',
  );
  return rows.map((r) => ({ reason: String(r.reason), actions: Number(r.actions) }));
}

/** A pool's USD price over time from the stored depth history. */
export async function poolPrices(
  store: MidgardStore,
  pool: string,
  interval = 'hour',
): Promise<{ time: string; priceUsd: number; assetPrice: number }[]> {
  const rows = await store.query(
    'SELECT end_time::BIGINT AS t, asset_price_usd, asset_price FROM depth_history WHERE pool = $1 AND interval = $2 ORDER BY end_time',
    [pool, interval],
  );
  return rows.map((r) => ({
    time: new Date(Number(r.t) * 1000).toISOString(),
    priceUsd: Number(r.asset_price_usd),
    assetPrice: Number(r.asset_price),
  }));
}

/** Action counts by type and status. */
export async function typeMix(store: MidgardStore): Promise<{ type: string; status: string; actions: number }[]> {
  const rows = await store.query(
    'SELECT type, status, count(*)::INTEGER AS actions FROM actions GROUP BY ALL ORDER BY actions DESC',
  );
  return rows.map((r) => ({ type: String(r.type), status: String(r.status), actions: Number(r.actions) }));
}
