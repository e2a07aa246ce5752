import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannel, createSession } from 'better-sse';
import { WorkbenchError } from '../../core';
import { MidgardClient } from '../../midgard';
import type { ExternalPrices } from '../external';
import { FeeBook } from '../fees';
import type { Chain } from '../units';
import { FeedFollower } from './follower';
import { APP_JS, PAGE_HTML } from './page';
import { DashboardState, type PredictionView } from './state';
import { listenOn } from '../../serve';

export interface DashboardOptions {
  baseUrl: string;
  port?: number;
  /** 127.0.0.1 by default; any other address requires `token`. */
  host?: string;
  token?: string;
  intervalMs?: number;
  chain?: Chain;
  external?: ExternalPrices;
  minProfitUsd?: number;
  /** Actions kept for a reloaded page. */
  keep?: number;
  model?: boolean;
}

export interface Dashboard {
  url: string;
  port: number;
  state: DashboardState;
  follower: FeedFollower;
  /** Shows a next-action prediction (wired to maya's predictLive by the CLI). */
  pushPrediction(p: PredictionView): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const LOOPBACK_NAMES = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The name in a Host header, without its port ('' when absent). */
function hostnameOf(header: string | undefined): string {
  if (!header) return '';
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : (header.split(':')[0] ?? '');
}
const COOKIE = 'wb_dash';
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Plotly from node_modules, read once (nothing is loaded from outside). */
let plotly: Buffer | undefined;
function plotlyJs(): Buffer {
  plotly ??= readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'));
  return plotly;
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const q = url.searchParams.get('token');
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : undefined;
}

/**
 * The live dashboard: node:http serving one page, its script, plotly from node_modules, and a
 * Server-Sent Events stream (better-sse) fed by a Midgard follower. A page that connects (or
 * reconnects after a reload) first gets a snapshot of the buffer, then live events. With a token
 * every request and the stream must carry it (query, Bearer header, or the cookie the page sets).
 */
export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const host = o.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !o.token)
    throw new WorkbenchError(
      `binding the dashboard to ${host} exposes it beyond this machine`,
      'pass --token SECRET (checked on every request and stream), or keep the default --host 127.0.0.1',
    );
  const want = o.token ? digest(o.token) : undefined;
  const chain = o.chain ?? 'maya';
  const fees = new FeeBook({ inbound: true, minSlipBps: { maya: 0, thorchain: 5 } });
  const state = new DashboardState({
    chain,
    keep: o.keep ?? 200,
    external: o.external,
    fees,
    minProfitUsd: o.minProfitUsd ?? 1,
    model: o.model ?? false,
  });
  const channel = createChannel();
  let follower: FeedFollower | undefined;
  const client = new MidgardClient(o.baseUrl, {
    rps: 50,
    retries: 1,
    timeoutMs: 3000,
    baseDelayMs: 100,
    onRetry: () => follower?.noteRetry(),
  });
  follower = new FeedFollower(client, o.intervalMs ?? 1000, {
    onActions: (list, at) => channel.broadcast(state.addActions(list, at), 'actions'),
    onPools: (pools, height) => {
      state.setPools(pools, height);
      channel.broadcast(
        { prices: state.prices, opportunities: state.opportunities, gapSeries: state.gapSeries },
        'pools',
      );
    },
    onHealth: (h) => {
      state.health = h;
      channel.broadcast(h, 'health');
    },
  });

  const headers = {
    'content-security-policy':
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // DNS rebinding: a page elsewhere can make a browser send requests here under its own name.
    // Bound to loopback without a token, only loopback names are served.
    if (!want && !LOOPBACK_NAMES.has(hostnameOf(req.headers.host))) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end('this dashboard answers only to localhost names');
      return;
    }
    if (want) {
      const got = tokenOf(req, url);
      if (!got || !timingSafeEqual(digest(got), want)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...headers });
        res.end('token required');
        return;
      }
    }
    const cookie =
      o.token && url.searchParams.get('token')
        ? { 'set-cookie': `${COOKIE}=${encodeURIComponent(o.token)}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'text/plain', ...headers });
      res.end('GET only');
      return;
    }
    switch (url.pathname) {
      case '/':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers, ...cookie });
        res.end(PAGE_HTML);
        return;
      case '/app.js':
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...headers });
        res.end(APP_JS);
        return;
      case '/assets/plotly.min.js':
        res.writeHead(200, {
          'content-type': 'text/javascript; charset=utf-8',
          ...headers,
          'cache-control': 'max-age=3600',
        });
        res.end(plotlyJs());
        return;
      case '/events': {
        const session = await createSession(req, res, { keepAlive: 10_000, headers });
        session.push(state.snapshot(), 'snapshot');
        channel.register(session);
        return;
      }
      case '/api/snapshot':
        res.writeHead(200, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(state.snapshot()));
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain', ...headers });
        res.end('not found');
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(e instanceof Error ? e.message : 'error');
    });
  });
  await listenOn(server, o.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  follower.start();
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    state,
    follower,
    pushPrediction: (p) => {
      state.addPrediction(p);
      channel.broadcast(p, 'prediction');
    },
    close: () =>
      new Promise<void>((resolve) => {
        follower?.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
