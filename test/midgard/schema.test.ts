import { describe, expect, it } from 'vitest';
import {
  ActionsPageSchema,
  DepthHistorySchema,
  HealthSchema,
  PoolsSchema,
  validateAction,
  type MidgardAction,
} from '../../src/midgard';
import { actionPages, readFixtureJson } from '../helpers/fixtures';

describe('Midgard schema against real responses', () => {
  it('validates every recorded Maya and THORChain action page', () => {
    const pages = actionPages();
    expect(pages.map(([f]) => f)).toEqual(expect.arrayContaining(['maya-actions-a.json', 'thorchain-actions-c.json']));
    let n = 0;
    for (const [file, body] of pages) {
      const page = ActionsPageSchema.parse(body);
      for (const a of page.actions) {
        const v = validateAction(a);
        expect(v.ok, `${file}: ${v.ok ? '' : v.reason}`).toBe(true);
        n++;
      }
    }
    expect(n).toBe(16);
  });

  it('validates pools and health', () => {
    expect(PoolsSchema.parse(readFixtureJson('midgard', 'maya-pools.json'))).toHaveLength(28);
    expect(PoolsSchema.parse(readFixtureJson('midgard', 'thorchain-pools.json')).length).toBeGreaterThan(0);
    expect(HealthSchema.parse(readFixtureJson('midgard', 'thorchain-health.json')).scannerHeight).toBe('6481698');
  });

  it('keeps amounts, heights and dates as exact strings, and unknown fields as they came', () => {
    const [, body] = actionPages().find(([f]) => f === 'maya-actions-a.json') as [string, { actions: unknown[] }];
    const raw = { ...(body.actions[0] as Record<string, unknown>), futureField: { x: 1 } };
    const v = validateAction(raw);
    if (!v.ok) throw new Error(v.reason);
    const a: MidgardAction = v.action;
    expect(a.date).toBe('1710210508760883749'); // beyond 2^53: a number would have lost digits
    expect(a.out[0]?.coins[0]?.amount).toBe('33297336036086');
    expect(a.metadata.swap?.affiliateFee).toBe('100');
    expect((a as unknown as Record<string, unknown>).futureField).toEqual({ x: 1 });
  });

  it('reads streaming-swap fields from streamingSwapMeta', () => {
    const [, body] = actionPages().find(([f]) => f === 'maya-actions-b.json') as [string, { actions: unknown[] }];
    const v = validateAction(body.actions[0]);
    if (!v.ok) throw new Error(v.reason);
    expect(v.action.metadata.swap?.isStreamingSwap).toBe(true);
    expect(v.action.metadata.swap?.streamingSwapMeta).toMatchObject({ count: '4', quantity: '23' });
  });

  it('rejects malformed actions naming the field', () => {
    const base = (actionPages()[0]?.[1].actions[0] ?? {}) as Record<string, unknown>;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, height: undefined }, /^height: Required/],
      [{ ...base, date: '17e17' }, /^date: expected an unsigned integer string/],
      [{ ...base, in: 'x' }, /^in: Expected array/],
      [{ ...base, height: 5275978 }, /^height: Expected string, received number/],
      [{ ...base, metadata: {} }, /^metadata\.swap: required for type swap/],
      [{ ...base, type: '' }, /^type:/],
    ];
    for (const [bad, reason] of cases) {
      const v = validateAction(bad);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.reason).toMatch(reason);
    }
    expect(validateAction('not an object').ok).toBe(false);
  });

  it('requires the metadata block of each known type, and of no other type', () => {
    const base = (actionPages()[0]?.[1].actions[0] ?? {}) as Record<string, unknown>;
    for (const type of ['swap', 'addLiquidity', 'withdraw', 'refund']) {
      const v = validateAction({ ...base, type, metadata: {} });
      expect(v.ok ? 'ok' : v.reason).toBe(`metadata.${type}: required for type ${type}`);
    }
    // Other types (and names of Object.prototype members) need no block of their own.
    for (const type of ['send', 'thorname', 'constructor', 'toString', '__proto__'])
      expect(validateAction({ ...base, type, metadata: {} }).ok).toBe(true);
  });

  it('keeps open strings for types and statuses outside the spec enums', () => {
    const [, body] = actionPages().find(([f]) => f === 'thorchain-actions-b.json') as [string, { actions: unknown[] }];
    const donate = body.actions.find((a) => (a as { type: string }).type === 'donate');
    expect(validateAction(donate).ok).toBe(true);
    expect(validateAction({ ...(donate as object), status: 'refunded-ish' }).ok).toBe(true);
  });

  it('validates a depth history', () => {
    const h = {
      intervals: [
        { startTime: '1', endTime: '2', assetDepth: '3', runeDepth: '4', assetPrice: '1.5', assetPriceUSD: '2e-3' },
      ],
      meta: { startTime: '1', endTime: '2' },
    };
    expect(DepthHistorySchema.parse(h).intervals).toHaveLength(1);
    expect(
      DepthHistorySchema.safeParse({ ...h, intervals: [{ ...h.intervals[0], assetPrice: 'cheap' }] }).success,
    ).toBe(false);
  });
});
