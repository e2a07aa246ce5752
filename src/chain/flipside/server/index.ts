import { z } from 'zod';
import { createRng } from '../../../core/rng';
import { startServer, type FaultSpec, type Reply, type Req, type RunningServer } from '../../../serve';
import { ChainDaySimulator, hash32 } from '../../sim';
import { RpcRequestSchema } from '../schema';
import { rpcMethods, type RpcCall } from './methods';
import { RunStore } from './runs';

/**
 * A local Flipside: `POST /json-rpc` with the real method names, shapes and error codes,
 * answering the workbench's daily-aggregate SQL from the seeded simulator, so the real client is
 * what runs offline. Request-level faults (429 with Retry-After, 5xx, slow answers, latency) come
 * from the serve framework's FaultSpec, `malformed` breaks whole rows; the Flipside-specific
 * faults (concurrency errors, redirected, hung or failing runs, a page-size limit, a billing
 * error) are options here. Every answer is labelled as coming from an offline simulator.
 */
export const FlipsideServerOptionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().default('127.0.0.1'),
    seed: z.number().int().default(1),
    /** The x-api-key to accept; any non-empty key when unset. Others get 401. */
    apiKey: z.string().min(1).optional(),
    /** getQueryRun answers before a run succeeds (RUNNING…, STREAMING_RESULTS). */
    pollsToFinish: z.number().int().min(0).max(1000).default(2),
    /** Pages larger than this answer -32170 (RequestedPageSizeTooLarge). */
    maxPageSize: z.number().int().min(1).default(100_000),
    /** Unfinished runs allowed at once; one more answers -32171 (MaxConcurrentQueries). */
    maxConcurrent: z.number().int().min(1).default(15),
    /** Share of createQueryRun calls answered -32171 regardless. */
    concurrencyErrorRate: z.number().min(0).max(1).default(0),
    /** Share of new runs that redirect (redirectedToQueryRun) to another, fresh run. */
    redirectRate: z.number().min(0).max(1).default(0),
    /** Share of runs that never finish (a result that never arrives) until canceled. */
    hangRate: z.number().min(0).max(1).default(0),
    /** Share of valid runs that end QUERY_STATE_FAILED with a warehouse error. */
    failRate: z.number().min(0).max(1).default(0),
    /** Answer every call 402 with Flipside's BILLING_ERROR body. */
    paymentRequired: z.boolean().default(false),
    /** The simulator's share of days without a row. */
    missingRate: z.number().min(0).max(1).default(0.01),
  })
  .strict();
export type FlipsideServerOptions = z.input<typeof FlipsideServerOptionsSchema>;

export interface FlipsideServer extends RunningServer {
  store: RunStore;
  sim: ChainDaySimulator;
  /** Every JSON-RPC call answered, in order. */
  calls: RpcCall[];
}

const errorBody = (status: number, message: string) => ({
  errorType: status === 429 ? 'RATE_LIMIT_ERROR' : status >= 500 ? 'SERVER_ERROR' : 'USER_ERROR',
  name: `HTTP${status}`,
  msg: message,
});

export async function startFlipsideServer(
  options: FlipsideServerOptions = {},
  faults?: FaultSpec,
): Promise<FlipsideServer> {
  const o = FlipsideServerOptionsSchema.parse(options);
  const faultSeed = faults?.seed ?? 1;
  const sim = new ChainDaySimulator({ seed: o.seed, missingRate: o.missingRate });
  const store = new RunStore(
    sim,
    {
      pollsToFinish: o.pollsToFinish,
      redirectRate: o.redirectRate,
      hangRate: o.hangRate,
      failRate: o.failRate,
      malformedRate: faults?.malformed ?? 0,
      faultSeed,
    },
    createRng(hash32(`${faultSeed}|flipside-runs`)),
  );
  const calls: RpcCall[] = [];
  const answer = rpcMethods(store, o, createRng(hash32(`${faultSeed}|flipside-rpc`)), calls);

  const jsonRpc = (req: Req): Reply => {
    const key = req.headers['x-api-key'];
    // Never echo the key: the body says only that it was refused.
    if (typeof key !== 'string' || key === '' || (o.apiKey !== undefined && key !== o.apiKey)) {
      return { status: 401, json: { errorType: 'UNAUTHORIZED', name: 'Unauthorized', msg: 'Invalid API Key.' } };
    }
    if (o.paymentRequired) {
      return {
        status: 402,
        json: {
          errorType: 'BILLING_ERROR',
          name: 'PaymentRequired',
          msg: 'Please add a valid payment method to continue using the API (local simulator).',
        },
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return {
        json: {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'Parse error: the body is not JSON', data: null },
        },
      };
    }
    const parsed = RpcRequestSchema.safeParse(body);
    if (!parsed.success)
      return {
        json: {
          jsonrpc: '2.0',
          id: null,
          error: {
            code: -32600,
            message: 'Invalid Request: expected {jsonrpc: "2.0", method, params: [...], id}',
            data: null,
          },
        },
      };
    return { json: answer(parsed.data) };
  };

  const server = await startServer({
    port: o.port,
    host: o.host,
    faults,
    routes: [
      { method: 'POST', path: '/json-rpc', handler: jsonRpc },
      {
        method: 'GET',
        path: '/health',
        handler: () => ({ json: { ok: true, service: 'local Flipside (offline simulator)', seed: o.seed } }),
      },
    ],
    errorBody,
    faultFree: (path) => path === '/health',
  });
  return { ...server, store, sim, calls };
}

export { RESULT_COLUMNS } from './runs';
export type { RpcCall } from './methods';
