/**
 * Continuous-liquidity-pool math as THORChain and Maya define it, on exact integers (bigint
 * base units; every division floors, as THORNode's uint math does). Notation: `x` enters the
 * side of depth `X`; `Y` is the depth of the side paid out.
 *
 *   output  y   = x·X·Y / (x+X)²
 *   fee         = x²·Y / (x+X)²        (output-side units; y + fee = x·Y/(x+X), the plain
 *                                       constant-product output)
 *   slip (bps)  = x·10000 / (x+X)
 */

export interface LegResult {
  /** Paid out, output-side base units. */
  output: bigint;
  /** Liquidity fee kept by the pool, output-side base units. */
  fee: bigint;
  slipBps: bigint;
}

export function swapOutput(x: bigint, X: bigint, Y: bigint): bigint {
  const d = x + X;
  return d === 0n ? 0n : (x * X * Y) / (d * d);
}

export function liquidityFee(x: bigint, X: bigint, Y: bigint): bigint {
  const d = x + X;
  return d === 0n ? 0n : (x * x * Y) / (d * d);
}

export function slipBps(x: bigint, X: bigint): bigint {
  const d = x + X;
  return d === 0n ? 0n : (x * 10000n) / d;
}

/** One leg: `x` into a pool side of depth `X`, paid from the other side of depth `Y`. */
export function swapLeg(x: bigint, X: bigint, Y: bigint): LegResult {
  return { output: swapOutput(x, X, Y), fee: liquidityFee(x, X, Y), slipBps: slipBps(x, X) };
}

/** Depths of one pool: asset side and CACAO side, base units. */
export interface Depths {
  asset: bigint;
  cacao: bigint;
}

/** Value of an asset amount in CACAO at the pool's ratio (base units both). */
export function assetToCacao(amount: bigint, d: Depths): bigint {
  return d.asset === 0n ? 0n : (amount * d.cacao) / d.asset;
}

export interface DoubleSwapResult {
  /** CACAO moved from the input pool to the output pool. */
  cacao: bigint;
  /** Output asset paid out of the output pool. */
  output: bigint;
  first: LegResult;
  second: LegResult;
  /** Both legs' fees in CACAO: leg 1 is already CACAO; leg 2 is valued at the output pool after the swap. */
  feeCacao: bigint;
  /** Sum of both legs' slip, as Midgard reports a double swap. */
  slipBps: bigint;
}

/** asset A → CACAO (pool `a`) → asset B (pool `b`). Pure: the pools are not changed. */
export function doubleSwap(x: bigint, a: Depths, b: Depths): DoubleSwapResult {
  const first = swapLeg(x, a.asset, a.cacao);
  const second = swapLeg(first.output, b.cacao, b.asset);
  const after = { asset: b.asset - second.output, cacao: b.cacao + first.output };
  return {
    cacao: first.output,
    output: second.output,
    first,
    second,
    feeCacao: first.fee + assetToCacao(second.fee, after),
    slipBps: first.slipBps + second.slipBps,
  };
}

/**
 * Units minted for depositing `r` CACAO and `a` asset into a pool with `P` units and depths
 * `R` (CACAO) and `A` (asset): P·(R·a + r·A) / (2·R·A). The first deposit (P = 0) mints `r`.
 */
export function addLiquidityUnits(P: bigint, R: bigint, A: bigint, r: bigint, a: bigint): bigint {
  if (P === 0n || R === 0n || A === 0n) return r;
  return (P * (R * a + r * A)) / (2n * R * A);
}

/** Units a withdrawal of `bps` basis points (1–10000) of a member's `units` removes. */
export function withdrawUnits(units: bigint, bps: bigint): bigint {
  return (units * bps) / 10000n;
}

/** The pool share `units` out of `P` are worth, both sides (base units). */
export function poolShare(units: bigint, P: bigint, d: Depths): Depths {
  if (P === 0n) return { asset: 0n, cacao: 0n };
  return { asset: (d.asset * units) / P, cacao: (d.cacao * units) / P };
}

/** Most sub-swaps a streaming swap is split into (the protocol's cap on the memo's quantity). */
export const MAX_QUANTITY = 24;
