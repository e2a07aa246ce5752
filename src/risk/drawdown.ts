/**
 * Drawdowns of the wealth curve W₀ = 1, Wᵢ = Wᵢ₋₁(1 + rᵢ). Period i of the returns ends on
 * dates[i]; the start (W₀) is the day before the first return.
 */
export interface DrawdownInfo {
  /** Drawdown after each return, ≤ 0 (W / running peak − 1). */
  series: number[];
  maxDrawdown: number;
  peakDate: string | null;
  troughDate: string | null;
  /** First date back at the peak; null when not recovered by the end. */
  recoveryDate: string | null;
  /** Longest spell below a previous peak, in periods (to the end when not recovered). */
  longestDrawdownPeriods: number;
  /** Martin's ulcer index: √(mean of squared percentage drawdowns). */
  ulcerIndex: number;
}

export function drawdowns(returns: readonly number[], dates: readonly string[]): DrawdownInfo {
  let w = 1;
  let peak = 1;
  let peakIdx = -1;
  const series: number[] = [];
  let maxDd = 0;
  let maxPeak = -1;
  let maxTrough = -1;
  let spell = 0;
  let longest = 0;
  returns.forEach((r, i) => {
    w *= 1 + r;
    if (w >= peak) {
      peak = w;
      peakIdx = i;
      spell = 0;
    } else spell++;
    longest = Math.max(longest, spell);
    const dd = w / peak - 1;
    series.push(dd);
    if (dd < maxDd) {
      maxDd = dd;
      maxPeak = peakIdx;
      maxTrough = i;
    }
  });
  let recovery: string | null = null;
  if (maxTrough >= 0) {
    for (let i = maxTrough + 1; i < series.length; i++) {
      if ((series[i] as number) >= 0) {
        recovery = dates[i] ?? null;
        break;
      }
    }
  }
  const dayBefore = (d: string | undefined) =>
    d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10) : null;
  const ulcer = series.length ? Math.sqrt(series.reduce((s, d) => s + (100 * d) ** 2, 0) / series.length) : 0;
  return {
    series,
    maxDrawdown: maxDd,
    peakDate: maxTrough < 0 ? null : maxPeak < 0 ? dayBefore(dates[0]) : (dates[maxPeak] ?? null),
    troughDate: maxTrough < 0 ? null : (dates[maxTrough] ?? null),
    recoveryDate: recovery,
    longestDrawdownPeriods: longest,
    ulcerIndex: ulcer,
  };
}
