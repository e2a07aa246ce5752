import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core';
import {
  addLiquidityUnits,
  assetToCacao,
  doubleSwap,
  liquidityFee,
  poolShare,
  slipBps,
  swapLeg,
  swapOutput,
  withdrawUnits,
} from '../../../src/midgard/sim/clp';

describe('single swap', () => {
  it('matches hand-worked numbers', () => {
    // x=100 into X=1000, Y=1000: y = 100·1000·1000/1100² = 1e8/1.21e6 = 82.64…; fee = 1e4·1000/1.21e6 = 8.26…; slip = 1e6/1100 = 909.09…
    expect(swapOutput(100n, 1000n, 1000n)).toBe(82n);
    expect(liquidityFee(100n, 1000n, 1000n)).toBe(8n);
    expect(slipBps(100n, 1000n)).toBe(909n);
    // x=1 BTC (1e8) into 10 BTC / 1,000,000 CACAO (1e16 base): y = 1e8·1e9·1e16/(1.1e9)² = 8.264462809917355e14 (floored).
    expect(swapOutput(100_000_000n, 1_000_000_000n, 10_000_000_000_000_000n)).toBe(826_446_280_991_735n);
    // The fee here is y/10 (x/X = 1/10): 8.264462809917355e13.
    expect(liquidityFee(100_000_000n, 1_000_000_000n, 10_000_000_000_000_000n)).toBe(82_644_628_099_173n);
  });

  it('agrees with the real-number formula within one base unit, and output + fee is the constant-product output', () => {
    const rng = createRng(11);
    for (let i = 0; i < 500; i++) {
      const X = BigInt(1 + Math.floor(rng.next() * 1e12));
      const Y = BigInt(1 + Math.floor(rng.next() * 1e12));
      const x = BigInt(Math.floor(rng.next() * Number(X) * 2));
      const [xf, Xf, Yf] = [Number(x), Number(X), Number(Y)];
      const leg = swapLeg(x, X, Y);
      expect(Math.abs(Number(leg.output) - (xf * Xf * Yf) / (xf + Xf) ** 2)).toBeLessThanOrEqual(1 + 1e-9 * Yf);
      expect(Math.abs(Number(leg.fee) - (xf * xf * Yf) / (xf + Xf) ** 2)).toBeLessThanOrEqual(1 + 1e-9 * Yf);
      // y + fee = x·Y/(x+X) exactly in reals; both floors lose < 1 each.
      const cp = (x * Y) / (x + X);
      expect(cp - (leg.output + leg.fee) >= 0n && cp - (leg.output + leg.fee) <= 2n).toBe(true);
    }
  });

  it('handles empty inputs', () => {
    expect(swapOutput(0n, 1000n, 1000n)).toBe(0n);
    expect(slipBps(0n, 0n)).toBe(0n);
  });
});

describe('double swap', () => {
  it('chains two legs through CACAO with hand-worked numbers', () => {
    // Pool A: 1,000 asset / 2,000,000 CACAO; pool B: 5,000,000 CACAO / 500 asset; x = 100.
    // Leg 1: 100·1000·2e6/1100² = 2e11/1.21e6 = 165,289.25… → 165,289 CACAO; fee 1e4·2e6/1.21e6 = 16,528.9… → 16,528; slip 909.
    // Leg 2: c = 165,289 into 5e6: 165289·5e6·500/5,165,289² = 4.13222500e14/2.6680210…e13 = 15.487… → 15; slip 165289e4/5165289 = 319.99… → 319.
    // Leg-2 fee: 165289²·500/5165289² = 0.512… → 0.
    const r = doubleSwap(100n, { asset: 1000n, cacao: 2_000_000n }, { asset: 500n, cacao: 5_000_000n });
    expect(r.cacao).toBe(165_289n);
    expect(r.first.fee).toBe(16_528n);
    expect(r.output).toBe(15n);
    expect(r.slipBps).toBe(909n + 319n);
    expect(r.feeCacao).toBe(16_528n);
  });

  it('values the second leg fee in CACAO at the output pool after the swap', () => {
    const a = { asset: 10n ** 12n, cacao: 10n ** 14n };
    const b = { asset: 10n ** 11n, cacao: 10n ** 14n };
    const x = 10n ** 10n;
    const r = doubleSwap(x, a, b);
    // Independent float: c = x·X·Y/(x+X)², fee2 = c²·Bᵃ/(c+Bᶜ)², valued at (Bᶜ + c)/(Bᵃ − y).
    const c = (1e10 * 1e12 * 1e14) / (1e10 + 1e12) ** 2;
    const y = (c * 1e14 * 1e11) / (c + 1e14) ** 2;
    const fee2 = (c * c * 1e11) / (c + 1e14) ** 2;
    const expected = (1e10 * 1e10 * 1e14) / (1e10 + 1e12) ** 2 + (fee2 * (1e14 + c)) / (1e11 - y);
    // Floors: leg 1 loses < 1 CACAO unit; the leg-2 fee loses < 1 asset unit, worth ≈ 1000 CACAO units here.
    expect(Math.abs(Number(r.feeCacao) - expected)).toBeLessThan(2 + (1e14 + c) / (1e11 - y));
    expect(Math.abs(Number(r.feeCacao) - expected) / expected).toBeLessThan(1e-6);
    expect(r.feeCacao).toBe(
      r.first.fee + assetToCacao(r.second.fee, { asset: b.asset - r.output, cacao: b.cacao + r.cacao }),
    );
  });
});

describe('liquidity units', () => {
  it('mints P·(R·a + r·A)/(2·R·A) units', () => {
    // A 10% symmetric deposit earns 10% of the units; a CACAO-only one of the same CACAO earns half that.
    expect(addLiquidityUnits(1000n, 2000n, 1000n, 200n, 100n)).toBe(100n);
    expect(addLiquidityUnits(1000n, 2000n, 1000n, 200n, 0n)).toBe(50n);
    expect(addLiquidityUnits(1000n, 2000n, 1000n, 0n, 100n)).toBe(50n);
    // 1000·(2000·7 + 3·1000)/(2·2000·1000) = 17,000,000/4,000,000 = 4.25 → 4.
    expect(addLiquidityUnits(1000n, 2000n, 1000n, 3n, 7n)).toBe(4n);
    // First deposit: units = CACAO deposited.
    expect(addLiquidityUnits(0n, 0n, 0n, 12345n, 999n)).toBe(12345n);
  });

  it('withdraws by basis points and pays the units share of both sides', () => {
    expect(withdrawUnits(1000n, 2500n)).toBe(250n);
    expect(withdrawUnits(999n, 10000n)).toBe(999n);
    expect(withdrawUnits(7n, 1000n)).toBe(0n);
    expect(poolShare(250n, 1000n, { asset: 400n, cacao: 801n })).toEqual({ asset: 100n, cacao: 200n });
  });
});
