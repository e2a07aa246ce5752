import type { SourceName } from '../chains';
import { apiKeyFromEnv, DEFAULT_FLIPSIDE_URL, FlipsideClient, startFlipsideServer, type RpcRetry } from '../flipside';
import type { ChainMetricsSource } from '../source';
import { FlipsideSource } from './flipside-source';
import { MidgardHistorySource } from './midgard-source';

export interface OpenSourceOptions {
  flipsideUrl?: string;
  midgardUrl?: string;
  /** Simulator seed for `sim` without a URL. */
  seed?: number;
  maxAgeMinutes?: number;
  onRetry?: (message: string) => void;
}

export interface OpenedSource {
  source: ChainMetricsSource;
  /** Where the rows come from, for logs and reports (never a key). */
  endpoint: string;
  close(): Promise<void>;
}

/** The key the in-process simulator expects: not a secret, it guards nothing. */
const LOCAL_SIM_KEY = 'local-simulator';

/**
 * A source by name. `flipside` needs FLIPSIDE_API_KEY; `sim` starts the local Flipside server in
 * this process (or uses a running `workbench flipside serve` at --flipside-url) and queries it
 * with the real client; `midgard` reads Midgard's history endpoints.
 */
export async function openSource(name: SourceName, o: OpenSourceOptions = {}): Promise<OpenedSource> {
  const onRetry = o.onRetry;
  if (name === 'midgard') {
    const source = new MidgardHistorySource({ baseUrl: o.midgardUrl, onRetry });
    return { source, endpoint: source.endpoint, close: async () => undefined };
  }
  if (name === 'flipside') {
    const client = new FlipsideClient(o.flipsideUrl ?? DEFAULT_FLIPSIDE_URL, {
      apiKey: apiKeyFromEnv(),
      onRetry: onRetry && ((e) => onRetry(retryLine(e))),
    });
    return {
      source: new FlipsideSource(client, 'flipside', { maxAgeMinutes: o.maxAgeMinutes }),
      endpoint: client.url,
      close: async () => undefined,
    };
  }
  const server = o.flipsideUrl ? undefined : await startFlipsideServer({ port: 0, seed: o.seed ?? 1 });
  const url = o.flipsideUrl ?? (server as { url: string }).url;
  const client = new FlipsideClient(url, {
    apiKey: process.env.FLIPSIDE_API_KEY && o.flipsideUrl ? apiKeyFromEnv() : LOCAL_SIM_KEY,
    pollMs: 20,
    onRetry: onRetry && ((e) => onRetry(retryLine(e))),
  });
  return {
    source: new FlipsideSource(client, 'sim', {
      maxAgeMinutes: o.maxAgeMinutes,
      identity: server ? `in-process simulator seed=${o.seed ?? 1}` : url,
    }),
    endpoint: `${url} (local Flipside stand-in, OFFLINE SIMULATOR${server ? `, seed ${o.seed ?? 1}` : ''})`,
    close: async () => server?.close(),
  };
}

const retryLine = (e: RpcRetry) =>
  `${e.label}: ${e.method} attempt ${e.attempt} in ${Math.round(e.delayMs)} ms (${e.reason})`;
