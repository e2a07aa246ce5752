import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../../src/core/rng';
import { validateAction, type MidgardAction } from '../../../src/midgard/schema';

export const FIXTURES = join(__dirname, '../../fixtures/midgard');

/** Every action of the named fixture files, validated and sorted ascending (height, date). */
export function fixtureActions(prefix: string): MidgardAction[] {
  const out: MidgardAction[] = [];
  for (const f of ['a', 'b', 'c']) {
    const page = JSON.parse(readFileSync(join(FIXTURES, `${prefix}-actions-${f}.json`), 'utf8')) as {
      actions: unknown[];
    };
    for (const raw of page.actions) {
      const v = validateAction(raw);
      if (!v.ok) throw new Error(`fixture ${prefix}-${f}: ${v.reason}`);
      out.push(v.action);
    }
  }
  return out.sort((x, y) => cmp(BigInt(x.height), BigInt(y.height)) || cmp(BigInt(x.date), BigInt(y.date)));
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const POOLS = ['BTC.BTC', 'ETH.ETH', 'THOR.RUNE', 'ETH.USDT-0XDAC17F958D2EE523A2206206994597C13D831EC7'];
const ADDRS = Array.from({ length: 24 }, (_, i) =>
  i % 3 === 0 ? `0xAbC${String(i).padStart(37, '0')}` : `maya1addr${i}`,
);

export interface SynthOptions {
  /** From this index on, some swaps use the pool 'DOGE.DOGE' (absent before). */
  lateTokenFrom?: number;
}

/** Deterministic, schema-valid, ascending Maya-like actions of several types. */
export function synthActions(n: number, seed = 1, opts: SynthOptions = {}): MidgardAction[] {
  const r = createRng(seed);
  const out: MidgardAction[] = [];
  let height = 5_000_000;
  let date = 1_710_000_000_000_000_000n;
  const pick = <T>(xs: readonly T[]): T => xs[r.int(xs.length)] as T;
  const amount = () => (r.next() < 0.05 ? `${9007199254740993n + BigInt(r.int(1e9))}` : String(1 + r.int(1e12)));
  for (let i = 0; i < n; i++) {
    const step = r.int(3); // 0: same block, same date
    height += step;
    date += BigInt(step) * 6_000_000_000n + (step ? BigInt(r.int(1e6)) : 0n);
    const u = r.next();
    let pool = pick(POOLS);
    if (opts.lateTokenFrom !== undefined && i >= opts.lateTokenFrom && r.next() < 0.5) pool = 'DOGE.DOGE';
    const addr = pick(ADDRS);
    const base = { date: String(date), height: String(height), txID: `T${i}` };
    if (u < 0.6) {
      const toNative = r.next() < 0.5;
      const pending = r.next() < 0.2;
      const streaming = r.next() < 0.3;
      const inAsset = toNative ? pool : 'MAYA.CACAO';
      const outAsset = toNative ? 'MAYA.CACAO' : pool;
      out.push({
        date: base.date,
        height: base.height,
        in: [{ address: addr, coins: [{ asset: inAsset, amount: amount() }], txID: base.txID }],
        out: pending ? [] : [{ address: pick(ADDRS), coins: [{ asset: outAsset, amount: amount() }], txID: '' }],
        pools: [pool],
        status: pending ? 'pending' : 'success',
        type: 'swap',
        metadata: {
          swap: {
            affiliateFee: pick(['0', '50', '100']),
            isStreamingSwap: streaming,
            liquidityFee: String(r.int(1e10)),
            networkFees: [],
            swapSlip: String(r.int(300)),
            swapTarget: r.next() < 0.3 ? String(1 + r.int(1e9)) : '0',
            ...(streaming ? { streamingSwapMeta: { count: String(r.int(10)), quantity: String(1 + r.int(30)) } } : {}),
          },
        },
      });
    } else if (u < 0.75) {
      out.push({
        date: base.date,
        height: base.height,
        in: [{ address: addr, coins: [{ asset: pool, amount: amount() }], txID: base.txID }],
        out: [],
        pools: [pool],
        status: 'success',
        type: 'addLiquidity',
        metadata: { addLiquidity: { liquidityUnits: String(r.int(1e12)) } },
      });
    } else if (u < 0.9) {
      out.push({
        date: base.date,
        height: base.height,
        in: [{ address: addr, coins: [], txID: base.txID }],
        out: [{ address: addr, coins: [{ asset: pool, amount: amount() }], txID: '' }],
        pools: [pool],
        status: 'success',
        type: 'withdraw',
        metadata: {
          withdraw: {
            asymmetry: '0',
            basisPoints: String(1 + r.int(10000)),
            impermanentLossProtection: '0',
            liquidityUnits: `-${1 + r.int(1e9)}`,
            networkFees: [],
          },
        },
      });
    } else {
      out.push({
        date: base.date,
        height: base.height,
        in: [{ address: addr, coins: [{ asset: 'MAYA.CACAO', amount: amount() }], txID: base.txID }],
        out: [{ address: pick(ADDRS), coins: [{ asset: 'MAYA.CACAO', amount: amount() }], txID: '' }],
        pools: [],
        status: 'success',
        type: 'send',
        metadata: { send: {} },
      });
    }
  }
  return out;
}
