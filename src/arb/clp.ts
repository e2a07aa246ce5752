/**
 * CLP swap math for sizing, on exact integers where amounts matter. `x` enters the side of depth
 * `X`; `Y` is the side paid out (base units). THORChain/Maya: output x·X·Y/(x+X)², liquidity (slip)
 * fee x²·Y/(x+X)²; a chain with a minimum slip floor `f` charges max(x/(x+X), f)·x·Y/(x+X).
 */

export interface Leg {
  /** Depth of the side paid into, base units. */
  X: bigint;
  /** Depth of the side paid out of, base units. */
  Y: bigint;
  /** Minimum slip fee in bps (0 = none). */
  minSlipBps: number;
}

/** Output of one leg, base units, floored like THORNode's integer math. */
export function legOutput(x: bigint, l: Leg): bigint {
  if (x <= 0n) return 0n;
  const d = x + l.X;
  const floor = BigInt(l.minSlipBps);
  // Fee share (bps) = max(slip, floor); y = x·Y/(x+X) · (1 − fee share).
  if (floor > 0n && x * 10000n < floor * d) return (x * l.Y * (10000n - floor)) / (d * 10000n);
  return (x * l.X * l.Y) / (d * d);
}

/** Liquidity fee of one leg in output base units (what the pool keeps of x·Y/(x+X)). */
export function legFee(x: bigint, l: Leg): bigint {
  if (x <= 0n) return 0n;
  return (x * l.Y) / (x + l.X) - legOutput(x, l);
}

/** The same leg as a float function (search and plots; exact values come from legOutput). */
export function legOutputF(x: number, X: number, Y: number, f: number): number {
  if (x <= 0) return 0;
  const d = x + X;
  return ((x * Y) / d) * (1 - Math.max(x / d, f));
}

/**
 * Closed-form profit-maximising input of one leg whose input is worth `pIn` and output `pOut`
 * per base unit, for fixed fees (fixed fees do not move the optimum, they only decide whether it
 * pays). With r = pOut·Y/(pIn·X) (the marginal value ratio at x = 0, > 1 iff there is an edge)
 * and v = 1 + x/X:
 *   slip region (fee = slip):  d/dx[xXY/(x+X)²]·pOut = pIn  ⇔  v³ + r·v − 2r = 0 (Cardano, one real root);
 *   floor region (fee = f):    (1−f)·X·Y·pOut/(x+X)² = pIn   ⇔  v = √((1−f)·r).
 * Profit is concave within each region, so the best of the two clamped candidates is the optimum.
 */
export function optimalInput(l: Leg, pIn: number, pOut: number): bigint {
  const X = Number(l.X);
  const Y = Number(l.Y);
  if (!(X > 0 && Y > 0 && pIn > 0 && pOut > 0)) return 0n;
  const r = (pOut * Y) / (pIn * X);
  const f = l.minSlipBps / 10000;
  if (r * (1 - f) <= 1) return 0n;
  const s = Math.sqrt(r * r + (r * r * r) / 27);
  const vSlip = Math.max(Math.cbrt(r + s) + Math.cbrt(r - s), 1 / (1 - f));
  const vFloor = Math.min(Math.max(Math.sqrt((1 - f) * r), 1), 1 / (1 - f));
  const cands = [vSlip, vFloor].map((v) => BigInt(Math.max(0, Math.floor(X * (v - 1)))));
  let best = 0n;
  let bestP = 0;
  for (const x of cands) {
    const p = pOut * Number(legOutput(x, l)) - pIn * Number(x);
    if (p > bestP) [best, bestP] = [x, p];
  }
  return best;
}

/**
 * Maximum of a function concave on [0, hi] by golden-section search (used where no closed form
 * exists: two legs in a row, streaming). Returns the argument, a float, to within hi·relTol
 * (finer changes the profit by far less than a base unit's worth).
 */
export function goldenMax(f: (x: number) => number, hi: number, iterations = 80, relTol = 1e-9): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = 0;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  const stop = Math.max(1, hi * relTol);
  for (let i = 0; i < iterations && b - a > stop; i++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Streaming: the input in `quantity` equal sub-swaps; between two sub-swaps the pool recovers a
 * share `recovery` (0..1) of the way back to the depths it started from (other arbitrageurs
 * trading it back). recovery 1 = every sub-swap meets the original pool; 0 = one long swap.
 */
export function streamingOutput(x: bigint, l: Leg, quantity: number, recovery: number): bigint {
  const q = BigInt(Math.max(1, Math.floor(quantity)));
  const rec = BigInt(Math.round(Math.min(1, Math.max(0, recovery)) * 1e6));
  let X = l.X;
  let Y = l.Y;
  let out = 0n;
  for (let i = 0n; i < q; i++) {
    const sub = i === q - 1n ? x - (x / q) * (q - 1n) : x / q;
    const y = legOutput(sub, { X, Y, minSlipBps: l.minSlipBps });
    out += y;
    X += sub;
    Y -= y;
    X -= ((X - l.X) * rec) / 1_000_000n;
    Y += ((l.Y - Y) * rec) / 1_000_000n;
  }
  return out;
}
