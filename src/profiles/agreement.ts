/** Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same items. */
export function adjustedRandIndex(
  a: readonly (string | number | boolean)[],
  b: readonly (string | number | boolean)[],
): number {
  if (a.length !== b.length) throw new RangeError(`adjustedRandIndex: ${a.length} vs ${b.length} labels`);
  const n = a.length;
  const c2 = (m: number) => (m * (m - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const ka = String(a[i]);
    const kb = String(b[i]);
    table.set(`${ka}\u0000${kb}`, (table.get(`${ka}\u0000${kb}`) ?? 0) + 1);
    rows.set(ka, (rows.get(ka) ?? 0) + 1);
    cols.set(kb, (cols.get(kb) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += c2(v);
  let sa = 0;
  let sb = 0;
  for (const v of rows.values()) sa += c2(v);
  for (const v of cols.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  const max = (sa + sb) / 2;
  // Both labelings put everything in one cluster (or each item alone): identical, ARI 1 by convention (as scikit-learn).
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** For each cluster: its size, its most common true label and that label's share (purity). */
export function purityByCluster(
  clusters: readonly string[],
  truth: readonly string[],
): { cluster: string; size: number; majority: string; purity: number; counts: Record<string, number> }[] {
  const by = new Map<string, Map<string, number>>();
  clusters.forEach((c, i) => {
    const m = by.get(c) ?? new Map<string, number>();
    m.set(truth[i] as string, (m.get(truth[i] as string) ?? 0) + 1);
    by.set(c, m);
  });
  return [...by.entries()]
    .map(([cluster, m]) => {
      const size = [...m.values()].reduce((s, v) => s + v, 0);
      const [majority, top] = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0] as [
        string,
        number,
      ];
      return { cluster, size, majority, purity: top / size, counts: Object.fromEntries(m) };
    })
    .sort((x, y) => y.size - x.size);
}
