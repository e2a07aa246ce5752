import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, WorkbenchError } from '../core';
import { FaultInjector, NO_FAULTS, type FaultSpec } from './faults';

/**
 * The small framework behind every local stand-in server (Midgard, Flipside, LLM): routing,
 * JSON/text/SSE replies, request-level faults (429 with Retry-After, 5xx, latency) applied
 * before the handler, and the injector handed to handlers for item-level faults.
 */
export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as bytes (uploads). */
  raw: Buffer;
  /** Capture groups of a RegExp route. */
  params: string[];
  faults: FaultInjector;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Server-sent events: each string is written as one `data:` event. */
  sse?: AsyncIterable<string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string | RegExp;
  handler: (req: Req) => Reply | Promise<Reply>;
}

export interface ServerOptions {
  routes: Route[];
  faults?: FaultSpec;
  port?: number;
  host?: string;
  /** How this API formats an error body (Midgard: {error}, OpenAI: {error: {message, code}}). */
  errorBody?: (status: number, message: string) => unknown;
  /** Paths that never get request-level faults (health checks, control endpoints). */
  faultFree?: (path: string) => boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  faults: FaultInjector;
  /** Requests answered, by status. */
  stats: Map<number, number>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function match(route: Route, method: string, path: string): string[] | undefined {
  if (route.method !== method) return undefined;
  if (typeof route.path === 'string') return route.path === path ? [] : undefined;
  const m = route.path.exec(path);
  return m ? m.slice(1).map((s) => decodeURIComponent(s ?? '')) : undefined;
}

async function send(res: ServerResponse, reply: Reply): Promise<void> {
  const headers = { ...reply.headers };
  if (reply.sse) {
    res.writeHead(reply.status ?? 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    for await (const event of reply.sse) res.write(`data: ${event}\n\n`);
    res.end();
    return;
  }
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
  const type = reply.json !== undefined ? 'application/json' : 'text/plain; charset=utf-8';
  res.writeHead(reply.status ?? 200, { 'content-type': type, ...headers });
  res.end(body);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  // A copy: a test switching faults on one server must not switch them on every later one.
  const faults = new FaultInjector({ ...(opts.faults ?? NO_FAULTS) });
  const errorBody = opts.errorBody ?? ((_s: number, message: string) => ({ error: message }));
  const stats = new Map<number, number>();
  const count = (status: number) => stats.set(status, (stats.get(status) ?? 0) + 1);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const raw = await readBody(req);
      const body = raw.toString('utf8');
      let reply: Reply;
      const route = opts.routes.find((r) => match(r, method, url.pathname) !== undefined);
      if (!route) reply = { status: 404, json: errorBody(404, `no route for ${method} ${url.pathname}`) };
      else {
        const spec = faults.spec;
        const exempt = opts.faultFree?.(url.pathname) ?? false;
        if (spec.latencyMs) await sleep(spec.latencyMs);
        if (!exempt && faults.hit('slow')) await sleep(spec.slowMs);
        if (!exempt && faults.hit('rate429')) {
          reply = {
            status: 429,
            headers: { 'retry-after': String(spec.retryAfterSec) },
            json: errorBody(429, 'rate limited (injected fault)'),
          };
        } else if (!exempt && faults.hit('rate5xx')) {
          const status = faults.pick([500, 502, 503]);
          reply = { status, json: errorBody(status, `server error (injected fault ${status})`) };
        } else {
          try {
            reply = await route.handler({
              method,
              path: url.pathname,
              query: url.searchParams,
              headers: req.headers,
              body,
              raw,
              params: match(route, method, url.pathname) ?? [],
              faults,
            });
          } catch (e) {
            const status =
              typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500;
            reply = { status, json: errorBody(status, e instanceof Error ? e.message : String(e)) };
          }
        }
      }
      count(reply.status ?? 200);
      await send(res, reply);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  server.keepAliveTimeout = 1000;
  await listenOn(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    faults,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Thrown by handlers for a client error answered with its status (e.g. limit > 50 → 400). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Listens, or fails with one clear error for a busy or forbidden port (instead of an unhandled 'error' event). */
export function listenOn(server: import('node:net').Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new WorkbenchError(
            `port ${port} on ${host} is already in use`,
            `stop what is listening there, or pass --port with another number (0 picks a free one)`,
          ),
        );
      else if (e.code === 'EACCES')
        reject(
          new WorkbenchError(
            `not allowed to listen on port ${port} on ${host}`,
            'use a port above 1023, or --port 0 for any free one',
          ),
        );
      else if (e.code === 'EADDRNOTAVAIL')
        reject(
          new WorkbenchError(
            `cannot listen on ${host}: no such local address`,
            'use 127.0.0.1, or an address of this machine',
          ),
        );
      else reject(e);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
