import { z } from 'zod';
import { startServer, type FaultSpec, type RunningServer } from '../../serve';
import { MarketSimulator, type PlantListener } from '../sim';
import type { MidgardPool } from '../schema';
import { actionsRoute } from './actions-route';
import { ActionHistory } from './history';
import { earningsHistoryRoute, swapsHistoryRoute } from './history-routes';
import { depthsRoute, healthRoute, poolsRoute } from './pools-routes';
import { SwapLedger } from './swap-ledger';

export const MidgardServerOptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  seed: z.number().int().default(1),
  /** Actions generated before the server starts answering. */
  actions: z.number().int().min(0).max(5_000_000).default(5000),
  /** Live mode: add `liveBatch` new actions every `liveIntervalMs` (0 = a fixed history). */
  liveIntervalMs: z.number().int().min(0).default(0),
  liveBatch: z.number().int().min(1).default(5),
  /** The simulator's mean block time (Maya ≈ 6 s); longer blocks spread a short feed over more days. */
  blockSeconds: z.number().min(0.1).max(3600).optional(),
});
export type MidgardServerOptions = z.input<typeof MidgardServerOptionsSchema>;

export interface MidgardServer extends RunningServer {
  history: ActionHistory;
  /** The served swaps, as the history endpoints count them. */
  swaps: SwapLedger;
  /** Generates n more actions now (what live mode does on its timer). */
  grow(n: number): void;
}

/**
 * A local Midgard: the simulator's history served over HTTP with the real /v2/actions
 * semantics, plus /v2/pools, /v2/health, /v2/history/depths and the network history
 * (/v2/history/swaps, /v2/history/earnings; see swap-ledger.ts), with optional faults. The demo
 * and the tests collect from it through the real client.
 */
export async function startMidgardServer(
  options: MidgardServerOptions = {},
  faults?: FaultSpec,
  hooks: { onPlant?: PlantListener } = {},
): Promise<MidgardServer> {
  const o = MidgardServerOptionsSchema.parse(options);
  const sim = new MarketSimulator({ seed: o.seed, blockSeconds: o.blockSeconds });
  // Ground truth of the planted mispricings (the arbitrage scanner's evaluation); draws no randomness.
  sim.onPlant = hooks.onPlant;
  const history = new ActionHistory(faults?.malformed ?? 0, faults?.seed ?? 1);
  const swaps = new SwapLedger();
  let hour = -1;
  let head: MidgardPool[] = sim.pools();
  const grow = (n: number) => {
    for (let i = 0; i < n; i++) {
      const a = sim.next();
      const h = Math.floor(Number(BigInt(a.date) / 1_000_000_000n) / 3600);
      // Pools at the end of each completed hour, for /v2/history/depths.
      if (hour >= 0 && h > hour) history.recordSnapshot((hour + 1) * 3600, head);
      if (h !== hour) swaps.notePrice(h * 3600, sim.book.cacaoPriceUSD());
      hour = h;
      history.append(a);
      swaps.add(a, sim.swapVolumeOf(a));
      head = sim.pools();
    }
  };
  grow(o.actions);
  const sec = (ns: bigint | undefined) => Number((ns ?? 0n) / 1_000_000_000n);
  const clock = () => ({ genesis: sec(history.datesNs[0]), now: sec(history.datesNs[history.length - 1]) });
  const server = await startServer({
    port: o.port,
    faults,
    routes: [
      { method: 'GET', path: '/v2/actions', handler: actionsRoute(history) },
      { method: 'GET', path: '/v2/pools', handler: poolsRoute(() => head) },
      { method: 'GET', path: '/v2/health', handler: healthRoute(history) },
      { method: 'GET', path: /^\/v2\/history\/depths\/([^/]+)$/, handler: depthsRoute(history) },
      { method: 'GET', path: '/v2/history/swaps', handler: swapsHistoryRoute(swaps, clock) },
      { method: 'GET', path: '/v2/history/earnings', handler: earningsHistoryRoute(swaps, clock) },
    ],
    errorBody: (_status, message) => ({ error: message }),
    faultFree: (path) => path === '/v2/health',
  });
  const timer = o.liveIntervalMs > 0 ? setInterval(() => grow(o.liveBatch), o.liveIntervalMs) : undefined;
  timer?.unref();
  return {
    ...server,
    history,
    swaps,
    grow,
    close: async () => {
      if (timer) clearInterval(timer);
      await server.close();
    },
  };
}

export { spawnMidgardServe } from './spawn';
