import { describe, expect, it } from 'vitest';
import { amountE8, baseUnitsFromE8, log1pAmountE8, MAYA_UNITS, THORCHAIN_UNITS } from '../../../src/maya/features';

// Expected logs from Python: math.log1p(float(Fraction(n, 10**e) * 10**8)).
describe('amounts in 1e8 base units', () => {
  it('converts MAYA.CACAO from 1e10 and MAYA.MAYA from 1e4; others stay 1e8', () => {
    expect(amountE8('18492500000000', 'MAYA.CACAO', MAYA_UNITS)).toBe(184925000000);
    expect(amountE8('1', 'MAYA.CACAO', MAYA_UNITS)).toBe(0.01);
    expect(amountE8('12345', 'MAYA.MAYA', MAYA_UNITS)).toBe(123450000);
    expect(amountE8('1000000', 'ETH.ETH', MAYA_UNITS)).toBe(1000000);
    expect(amountE8('18492500000000', 'THOR.RUNE', THORCHAIN_UNITS)).toBe(18492500000000);
    expect(log1pAmountE8('18492500000000', 'MAYA.CACAO', MAYA_UNITS)).toBe(25.94321617442575);
    expect(log1pAmountE8('1', 'MAYA.CACAO', MAYA_UNITS)).toBe(0.009950330853168083);
    expect(log1pAmountE8('12345', 'MAYA.MAYA', MAYA_UNITS)).toBe(18.631346781855907);
  });

  it('handles amounts above 2^53 exactly until the final float', () => {
    expect(amountE8('123456789012345678901', 'MAYA.CACAO', MAYA_UNITS)).toBe(1.2345678901234568e18);
    expect(log1pAmountE8('123456789012345678901', 'MAYA.CACAO', MAYA_UNITS)).toBeCloseTo(41.657252696208474, 13);
    expect(log1pAmountE8('9007199254740993', 'MAYA.MAYA', MAYA_UNITS)).toBeCloseTo(45.94714094165329, 13);
    expect(log1pAmountE8('9007199254740993', 'BTC.BTC', MAYA_UNITS)).toBe(36.7368005696771);
    expect(() => amountE8('1.5', 'BTC.BTC', MAYA_UNITS)).toThrow(/integer string/);
  });

  it('inverts back to base units', () => {
    expect(baseUnitsFromE8(184925000000, 'MAYA.CACAO', MAYA_UNITS)).toBe('18492500000000');
    expect(baseUnitsFromE8(0.01, 'MAYA.CACAO', MAYA_UNITS)).toBe('1');
    expect(baseUnitsFromE8(123450000, 'MAYA.MAYA', MAYA_UNITS)).toBe('12345');
    expect(baseUnitsFromE8(2 ** 60, 'MAYA.CACAO', MAYA_UNITS)).toBe(`${2n ** 60n * 100n}`);
    expect(baseUnitsFromE8(-3, 'BTC.BTC', MAYA_UNITS)).toBe('0');
  });
});
