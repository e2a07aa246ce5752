import { chiSquareSurvival } from './normal';

export interface KupiecResult {
  exceptions: number;
  periods: number;
  expectedRate: number;
  observedRate: number;
  lr: number;
  pValue: number;
}

const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

/**
 * Kupiec's (1995) proportion-of-failures test: LR = −2 ln[(1−p)^(T−N) p^N] + 2 ln[(1−N/T)^(T−N) (N/T)^N],
 * χ² with 1 degree of freedom under a correct VaR. `p` is 1 − confidence.
 */
export function kupiec(exceptions: readonly boolean[], p: number): KupiecResult {
  const T = exceptions.length;
  const N = exceptions.filter(Boolean).length;
  const phat = T ? N / T : 0;
  const lr = -2 * (xlogy(T - N, 1 - p) + xlogy(N, p)) + 2 * (xlogy(T - N, 1 - phat) + xlogy(N, phat));
  return {
    exceptions: N,
    periods: T,
    expectedRate: p,
    observedRate: phat,
    lr: Math.max(0, lr),
    pValue: chiSquareSurvival(Math.max(0, lr), 1),
  };
}

export interface ChristoffersenResult {
  /** Transition counts n_ij: from state i (0 = no exception) to state j. */
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  lrInd: number;
  pValueInd: number;
  /** Conditional coverage: Kupiec's LR plus independence, χ² with 2 degrees of freedom. */
  lrCc: number;
  pValueCc: number;
}

/** Christoffersen's (1998) independence and conditional-coverage tests on the exception sequence. */
export function christoffersen(exceptions: readonly boolean[], p: number): ChristoffersenResult {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < exceptions.length; i++) {
    const a = exceptions[i - 1];
    const b = exceptions[i];
    if (!a && !b) n00++;
    else if (!a && b) n01++;
    else if (a && !b) n10++;
    else n11++;
  }
  const pi0 = n00 + n01 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 ? n11 / (n10 + n11) : 0;
  const pi = n00 + n01 + n10 + n11 ? (n01 + n11) / (n00 + n01 + n10 + n11) : 0;
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const lrInd = Math.max(0, -2 * (l0 - l1));
  const lrCc = kupiec(exceptions, p).lr + lrInd;
  return {
    n00,
    n01,
    n10,
    n11,
    lrInd,
    pValueInd: chiSquareSurvival(lrInd, 1),
    lrCc,
    pValueCc: chiSquareSurvival(lrCc, 2),
  };
}

/**
 * Rolling one-step-ahead historical VaR: the forecast for period t uses the `window` returns
 * before t only; an exception is a return below −VaR.
 */
export function rollingVaRExceptions(
  returns: readonly number[],
  window: number,
  confidence: number,
  varFn: (r: readonly number[], c: number) => number,
): { index: number; var: number; exception: boolean }[] {
  const out: { index: number; var: number; exception: boolean }[] = [];
  for (let t = window; t < returns.length; t++) {
    const v = varFn(returns.slice(t - window, t), confidence);
    out.push({ index: t, var: v, exception: (returns[t] as number) < -v });
  }
  return out;
}
