import { HttpStatusError, type Req, type Reply } from '../../serve';
import type { ActionHistory } from './history';

const MAX_LIMIT = 50;

function num(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new HttpStatusError(400, `${key} must be a non-negative integer`);
  return Number(v);
}

function token(q: URLSearchParams, key: string): bigint | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new HttpStatusError(400, `${key} must be an event id`);
  return BigInt(v);
}

function list(q: URLSearchParams, key: string): string[] | undefined {
  const v = q.get(key);
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

/**
 * GET /v2/actions with Midgard's semantics: newest first; `limit` ≤ 50 (else 400);
 * nextPageToken = older than that event id; prevPageToken = the next page newer than it;
 * fromTimestamp (s) / fromHeight = the oldest actions from that point on; timestamp / height =
 * at or before that point; type, address, asset and txid filters; meta carries the page's
 * oldest (nextPageToken) and newest (prevPageToken) event ids.
 */
export function actionsRoute(history: ActionHistory) {
  return (req: Req): Reply => {
    const q = req.query;
    const limit = num(q, 'limit') ?? MAX_LIMIT;
    if (limit < 1 || limit > MAX_LIMIT) throw new HttpStatusError(400, `limit must be between 1 and ${MAX_LIMIT}`);
    const offset = num(q, 'offset');
    const next = token(q, 'nextPageToken');
    const prev = token(q, 'prevPageToken');
    const fromTs = num(q, 'fromTimestamp');
    const fromHeight = num(q, 'fromHeight');
    const ts = num(q, 'timestamp');
    const height = num(q, 'height');
    const types = list(q, 'type');
    const addresses = list(q, 'address');
    const assets = list(q, 'asset');
    const txid = q.get('txid') || undefined;
    if ([next, prev, fromTs, fromHeight].filter((v) => v !== undefined).length > 1) {
      throw new HttpStatusError(400, 'use only one of nextPageToken, prevPageToken, fromTimestamp, fromHeight');
    }
    const h = history;
    const matches = (i: number): boolean =>
      (!types || types.includes(h.types[i] as string)) &&
      (!addresses || addresses.some((a) => h.addresses[i]?.includes(a))) &&
      (!assets || assets.some((a) => h.assets[i]?.includes(a))) &&
      (!txid || (h.txIds[i]?.includes(txid) ?? false)) &&
      (ts === undefined || (h.datesNs[i] as bigint) <= BigInt(ts) * 1_000_000_000n) &&
      (height === undefined || (h.heights[i] as number) <= height);
    const picked: number[] = [];
    // Forward queries take the oldest matches after the point; the rest walk back from the head.
    const ascendingFrom =
      prev !== undefined
        ? h.upperBound(prev)
        : fromTs !== undefined
          ? h.datesNs.findIndex((d) => d >= BigInt(fromTs) * 1_000_000_000n)
          : fromHeight !== undefined
            ? h.heights.findIndex((x) => x >= fromHeight)
            : undefined;
    if (ascendingFrom !== undefined) {
      for (let i = ascendingFrom < 0 ? h.length : ascendingFrom; i < h.length && picked.length < limit; i++)
        if (matches(i)) picked.push(i);
      picked.reverse();
    } else {
      let skip = offset ?? 0;
      const start = next !== undefined ? h.upperBound(next - 1n) - 1 : h.length - 1;
      for (let i = start; i >= 0 && picked.length < limit; i--) {
        if (!matches(i)) continue;
        if (skip > 0) skip--;
        else picked.push(i);
      }
    }
    const body = picked.map((i) => h.json[i]).join(',');
    const first = picked[picked.length - 1];
    const last = picked[0];
    const echo = (prev ?? next)?.toString() ?? '';
    const meta = {
      nextPageToken: first !== undefined ? (h.eventIds[first] as bigint).toString() : echo,
      prevPageToken: last !== undefined ? (h.eventIds[last] as bigint).toString() : echo,
    };
    const count = offset !== undefined ? `,"count":"${h.types.filter((_, i) => matches(i)).length}"` : '';
    // Actions are pre-serialised (malformed ones included, byte for byte): splice, don't re-encode.
    return {
      text: `{"actions":[${body}]${count},"meta":${JSON.stringify(meta)}}`,
      headers: { 'content-type': 'application/json' },
    };
  };
}
