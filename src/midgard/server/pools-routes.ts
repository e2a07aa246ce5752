import { HttpStatusError, type Req, type Reply } from '../../serve';
import type { MidgardPool } from '../schema';
import type { ActionHistory } from './history';

const INTERVAL_SECONDS: Record<string, number> = { hour: 3600, day: 86_400, week: 604_800 };
const MAX_COUNT = 400;

/** GET /v2/pools: the pools as they stand at the head of the served feed. */
export function poolsRoute(current: () => MidgardPool[]) {
  return (req: Req): Reply => {
    const status = req.query.get('status');
    const pools = current();
    return { json: status ? pools.filter((p) => p.status === status) : pools };
  };
}

/** GET /v2/health: in sync, at the head of the feed. */
export function healthRoute(history: ActionHistory) {
  return (): Reply => {
    const height = history.heights[history.length - 1] ?? 0;
    const timestamp = Number((history.datesNs[history.length - 1] ?? 0n) / 1_000_000_000n);
    const point = { height, timestamp };
    return {
      json: {
        database: true,
        inSync: true,
        scannerHeight: String(height + 1),
        lastAggregated: point,
        lastCommitted: point,
        lastFetched: point,
        lastThorNode: point,
      },
    };
  };
}

/**
 * GET /v2/history/depths/{pool}?interval=hour|day|week&count=N&from=&to= from the hourly pool
 * snapshots taken while the feed was generated; each interval reports the state at its end.
 */
export function depthsRoute(history: ActionHistory) {
  return (req: Req): Reply => {
    const pool = req.params[0] ?? '';
    const interval = req.query.get('interval') ?? 'day';
    const step = INTERVAL_SECONDS[interval];
    if (!step) throw new HttpStatusError(400, `interval must be one of ${Object.keys(INTERVAL_SECONDS).join(', ')}`);
    const count = Number(req.query.get('count') ?? '1');
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)
      throw new HttpStatusError(400, `count must be 1..${MAX_COUNT}`);
    const snaps = history.hourly.filter((s) => s.endTime % step === 0);
    if (!snaps.length || !snaps.some((s) => s.pools.some((p) => p.asset === pool)))
      throw new HttpStatusError(400, `unknown pool ${pool}`);
    const from = req.query.get('from');
    const to = req.query.get('to');
    let chosen = snaps.filter(
      (s) => (from === null || s.endTime - step >= Number(from)) && (to === null || s.endTime <= Number(to)),
    );
    chosen = from !== null && to === null ? chosen.slice(0, count) : chosen.slice(-count);
    const intervals = chosen.flatMap((s) => {
      const p = s.pools.find((x) => x.asset === pool);
      if (!p) return [];
      return [
        {
          startTime: String(s.endTime - step),
          endTime: String(s.endTime),
          assetDepth: p.assetDepth,
          runeDepth: p.runeDepth,
          assetPrice: p.assetPrice,
          assetPriceUSD: p.assetPriceUSD,
          liquidityUnits: p.liquidityUnits ?? p.units ?? '0',
          units: p.units ?? '0',
          synthUnits: p.synthUnits ?? '0',
          synthSupply: p.synthSupply ?? '0',
          luvi: '0',
        },
      ];
    });
    return {
      json: {
        intervals,
        meta: { startTime: intervals[0]?.startTime ?? '0', endTime: intervals[intervals.length - 1]?.endTime ?? '0' },
      },
    };
  };
}
