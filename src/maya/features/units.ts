import { z } from 'zod';

/**
 * Base units per asset as Midgard reports amounts. Features use 1e8 base units ("E8") for every
 * asset; `exponents` lists the documented exceptions, everything else is `defaultExponent`.
 */
export const AssetUnitsSchema = z.object({
  /** The chain's native asset: liquidity fees are reported in it. */
  nativeAsset: z.string().min(1),
  defaultExponent: z.number().int().min(0),
  exponents: z.record(z.string(), z.number().int().min(0)),
});
export type AssetUnits = z.infer<typeof AssetUnitsSchema>;

/** Maya Midgard: MAYA.CACAO in 1e10 base units, MAYA.MAYA in 1e4, everything else 1e8. */
export const MAYA_UNITS: AssetUnits = {
  nativeAsset: 'MAYA.CACAO',
  defaultExponent: 8,
  exponents: { 'MAYA.CACAO': 10, 'MAYA.MAYA': 4 },
};
/** THORChain Midgard reports every asset, RUNE included, in 1e8. */
export const THORCHAIN_UNITS: AssetUnits = { nativeAsset: 'THOR.RUNE', defaultExponent: 8, exponents: {} };

export function assetExponent(asset: string, units: AssetUnits): number {
  return units.exponents[asset] ?? units.defaultExponent;
}

/** Parses an unsigned/signed integer string exactly; the error names the field. */
export function parseBig(value: string, field: string): bigint {
  if (!/^-?\d+$/.test(value))
    throw new RangeError(`${field}: expected an integer string, got ${JSON.stringify(value)}`);
  return BigInt(value);
}

/**
 * An amount in the asset's base units (decimal string, may exceed 2^53) as a float in 1e8 units.
 * Scaling happens on the bigint, so the only rounding is the final conversion to a double
 * (plus at most one more rounding for the fractional part when the asset has more than 8 decimals).
 */
export function amountE8(amount: string, asset: string, units: AssetUnits): number {
  const n = parseBig(amount, `amount of ${asset}`);
  const e = assetExponent(asset, units);
  if (e <= 8) return Number(n * 10n ** BigInt(8 - e));
  const d = 10n ** BigInt(e - 8);
  return Number(n / d) + Number(n % d) / Number(d);
}

/** log1p of the amount in 1e8 units: the transform every amount feature uses. */
export function log1pAmountE8(amount: string, asset: string, units: AssetUnits): number {
  return Math.log1p(amountE8(amount, asset, units));
}

/** Inverse of amountE8: a float in 1e8 units back to the asset's base units (rounded, non-negative). */
export function baseUnitsFromE8(e8: number, asset: string, units: AssetUnits): string {
  if (!Number.isFinite(e8) || e8 <= 0) return '0';
  const e = assetExponent(asset, units);
  if (e < 8) return BigInt(Math.round(e8 / 10 ** (8 - e))).toString();
  // Whole E8 units exactly (even above 2^53), then the fraction in the extra decimals.
  const whole = Math.floor(e8);
  const scaled = BigInt(whole) * 10n ** BigInt(e - 8) + BigInt(Math.round((e8 - whole) * 10 ** (e - 8)));
  return scaled.toString();
}
