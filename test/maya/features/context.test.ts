import { describe, expect, it } from 'vitest';
import type { MidgardAction } from '../../../src/midgard/schema';
import {
  BUCKET_OFFSET,
  CATEGORY_FIELDS,
  CODE_FIELDS,
  ContextExtractor,
  FALSE_ID,
  hashBucket,
  MAYA_UNITS,
  NUMERIC_FIELDS,
  PAD,
  THORCHAIN_UNITS,
  TRUE_ID,
  type RawRow,
} from '../../../src/maya/features';
import { fixtureActions } from './synth';

const f32 = Math.fround;
const code = (r: RawRow, name: string) => r.codes[CODE_FIELDS.findIndex((f) => f.name === name)];
const val = (r: RawRow, name: string) => r.values[NUMERIC_FIELDS.findIndex((f) => f.name === name)];
const tok = (r: RawRow, name: string) => r.tokens[CATEGORY_FIELDS.findIndex((f) => f.name === name)];
const maya = (seqLen = 25) => new ContextExtractor({ seqLen, buckets: 1024, units: MAYA_UNITS });

function send(height: number, dateNs: bigint, inAddr: string, outAddr: string): MidgardAction {
  return {
    date: String(dateNs),
    height: String(height),
    in: [{ address: inAddr, coins: [{ asset: 'MAYA.CACAO', amount: '100' }], txID: 'x' }],
    out: [{ address: outAddr, coins: [{ asset: 'MAYA.CACAO', amount: '100' }], txID: '' }],
    pools: [],
    status: 'success',
    type: 'send',
    metadata: {},
  };
}

describe('ContextExtractor on real Midgard fixtures', () => {
  const actions = fixtureActions('maya');

  it('extracts every Maya fixture action, sorted ascending, without error', () => {
    const ctx = maya();
    const rows = actions.map((a) => ctx.next(a));
    expect(rows).toHaveLength(actions.length);
    for (const r of rows) for (const v of r.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
    expect(rows.map((r) => tok(r, 'type'))).toContain('addLiquidity');
  });

  it('extracts the THORChain fixtures with THORChain units', () => {
    const ctx = new ContextExtractor({ seqLen: 25, buckets: 64, units: THORCHAIN_UNITS });
    expect(() => fixtureActions('thorchain').forEach((a) => ctx.next(a))).not.toThrow();
  });

  it('reads the streaming fields from streamingSwapMeta and the affiliate fee as bps', () => {
    // maya-actions-b: pending streaming swap, streamingSwapMeta count "4" quantity "23", affiliateFee "0".
    const streaming = actions.find((a) => a.metadata.swap?.streamingSwapMeta) as MidgardAction;
    const r = maya().next(streaming);
    expect(val(r, 'streamingCount')).toBe(4);
    expect(val(r, 'streamingQuantity')).toBe(23);
    expect(val(r, 'affiliateFeeBps')).toBe(0);
    expect(code(r, 'isStreamingSwap')).toBe(TRUE_ID);
    expect(val(r, 'outTxCount')).toBe(0);
    expect(tok(r, 'outAsset')).toBeNull();
    expect(tok(r, 'pool2')).toBe('THOR.RUNE');
    // maya-actions-a: affiliateFee "100" is 100 bps (1 %), not an amount; liquidityFee 2559820 CACAO base units (1e10).
    const affiliate = actions.find(
      (a) => a.metadata.swap?.affiliateFee === '100' && a.in[0]?.coins[0]?.amount === '1000000',
    ) as MidgardAction;
    const s = maya().next(affiliate);
    expect(val(s, 'affiliateFeeBps')).toBe(100);
    expect(Number.isNaN(val(s, 'streamingCount') as number)).toBe(true);
    expect(code(s, 'isStreamingSwap')).toBe(FALSE_ID);
    expect(val(s, 'liquidityFee')).toBe(f32(Math.log1p(25598.2)));
    expect(val(s, 'inAmount')).toBe(f32(Math.log1p(1000000)));
    expect(val(s, 'outAmount')).toBe(f32(Math.log1p(332973360360.86)));
    expect(val(s, 'swapSlipBps')).toBe(0);
    expect(code(s, 'swapTargetSet')).toBe(FALSE_ID);
    expect(Number.isNaN(val(s, 'swapTargetAmount') as number)).toBe(true);
    expect(code(s, 'inAddressBucket')).toBe(BUCKET_OFFSET + 251); // mmh3.hash(addr) % 1024 = 251
  });

  it('reads addLiquidity units and CACAO amounts in 1e10', () => {
    const add = actions.find((a) => a.type === 'addLiquidity') as MidgardAction;
    const r = maya().next(add);
    expect(val(r, 'liquidityUnits')).toBe(f32(Math.log1p(5612066098773)));
    expect(code(r, 'liquidityUnitsNegative')).toBe(FALSE_ID);
    expect(val(r, 'inAmount')).toBe(f32(Math.log1p(23285914623.43)));
    expect(val(r, 'inTxCount')).toBe(2);
    expect(Number.isNaN(val(r, 'swapSlipBps') as number)).toBe(true);
    expect(code(r, 'isStreamingSwap')).toBe(PAD);
  });
});

describe('ContextExtractor context features', () => {
  it('measures the time since the previous action in seconds (log1p), missing for the first', () => {
    const ctx = maya();
    const t0 = 1_700_000_000_000_000_000n;
    const a = ctx.next(send(10, t0, 'maya1a', 'maya1b'));
    const b = ctx.next(send(11, t0 + 1_500_000_000n, 'maya1a', 'maya1b'));
    const c = ctx.next(send(11, t0 + 1_500_000_000n, 'maya1c', 'maya1b'));
    expect(Number.isNaN(val(a, 'logDtSec') as number)).toBe(true);
    expect(val(b, 'logDtSec')).toBe(f32(Math.log1p(1.5)));
    expect(val(c, 'logDtSec')).toBe(0);
  });

  it('flags addresses seen among the previous seqLen actions and repeats of the previous in-address', () => {
    const run = (seqLen: number) => {
      const ctx = maya(seqLen);
      const t = 1_700_000_000_000_000_000n;
      return [
        ctx.next(send(1, t, 'maya1a', 'maya1x')),
        ctx.next(send(2, t + 1n, 'maya1b', 'maya1y')),
        ctx.next(send(3, t + 2n, 'maya1b', 'maya1z')),
        ctx.next(send(4, t + 3n, 'maya1a', 'maya1y')),
      ];
    };
    const short = run(2);
    expect(short.map((r) => code(r, 'inAddressSeen'))).toEqual([FALSE_ID, FALSE_ID, TRUE_ID, FALSE_ID]); // 'a' is 3 actions back
    expect(short.map((r) => code(r, 'outAddressSeen'))).toEqual([FALSE_ID, FALSE_ID, FALSE_ID, TRUE_ID]); // 'y' was action 2's out, 2 back
    expect(short.map((r) => code(r, 'sameInAddressAsPrevious'))).toEqual([PAD, FALSE_ID, TRUE_ID, FALSE_ID]);
    const long = run(3);
    expect(long.map((r) => code(r, 'inAddressSeen'))).toEqual([FALSE_ID, FALSE_ID, TRUE_ID, TRUE_ID]);
    expect(long.map((r) => code(r, 'outAddressSeen'))).toEqual([FALSE_ID, FALSE_ID, FALSE_ID, TRUE_ID]);
  });

  it('treats checksummed and lowercase EVM addresses as one account, and empty addresses as missing', () => {
    const ctx = maya();
    const t = 1_700_000_000_000_000_000n;
    const a = ctx.next(send(1, t, '0xAA278b62225f6dbc4436De8Fa3dD195e1542d159', ''));
    const b = ctx.next(send(2, t, '0xaa278b62225f6dbc4436de8fa3dd195e1542d159', ''));
    expect(code(a, 'inAddressBucket')).toBe(
      BUCKET_OFFSET + hashBucket('0xaa278b62225f6dbc4436de8fa3dd195e1542d159', 1024),
    );
    expect(code(b, 'inAddressBucket')).toBe(code(a, 'inAddressBucket'));
    expect(code(b, 'sameInAddressAsPrevious')).toBe(TRUE_ID);
    expect(code(b, 'outAddressBucket')).toBe(PAD);
    expect(code(b, 'outAddressSeen')).toBe(PAD);
  });

  it('refuses an amount too large for a float instead of writing Infinity', () => {
    const a = send(1, 1n, 'maya1a', 'maya1b');
    (a.in[0] as { coins: { asset: string; amount: string }[] }).coins[0] = {
      asset: 'BTC.BTC',
      amount: '9'.repeat(400),
    };
    expect(() => maya().next(a)).toThrow(/inAmount: value out of range/);
  });

  it('refuses actions out of ascending order', () => {
    const ctx = maya();
    ctx.next(send(5, 100n, 'a', 'b'));
    expect(() => ctx.next(send(4, 200n, 'a', 'b'))).toThrow(/out of order/);
    const ctx2 = maya();
    ctx2.next(send(5, 100n, 'a', 'b'));
    expect(() => ctx2.next(send(5, 99n, 'a', 'b'))).toThrow(/out of order/);
  });

  it('reads withdraw basis points, asymmetry and negative units', () => {
    const w: MidgardAction = {
      ...send(1, 1n, 'maya1a', 'maya1a'),
      type: 'withdraw',
      metadata: {
        withdraw: {
          asymmetry: '0.25',
          basisPoints: '5000',
          impermanentLossProtection: '0',
          liquidityUnits: '-123456789012345678',
          networkFees: [],
        },
      },
    };
    const r = maya().next(w);
    expect(val(r, 'withdrawBps')).toBe(5000);
    expect(val(r, 'withdrawAsymmetry')).toBe(0.25);
    // 123456789012345680 is the nearest double to the 123456789012345678 units in the action.
    expect(val(r, 'liquidityUnits')).toBe(f32(Math.log1p(123456789012345680)));
    expect(code(r, 'liquidityUnitsNegative')).toBe(TRUE_ID);
  });
});
