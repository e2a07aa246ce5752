/**
 * Reads what the offline analyst needs from a prompt whose format it does not know: every
 * metric-like `name: value` pair (also `name = value`, `"name": value`, `| name | value |`),
 * a date, a chain and a regime label. Values may carry signs, thousands separators,
 * exponents and `%` (read as a fraction); `null`, `n/a`, `not available` count as missing. When a name
 * occurs more than once (a table of several days), the last occurrence wins.
 */
export interface PromptFacts {
  date: string | null;
  chain: string | null;
  regime: string | null;
  /** Metric name as written → value (fractions for `%`). */
  metrics: Map<string, number>;
  /** Names whose value was written as missing. */
  missing: string[];
}

const NUMBER = String.raw`[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const NAME = String.raw`[A-Za-z][A-Za-z0-9_ ./()-]{0,60}?`;
// name, separator, then a number (optionally %) or a missing marker, ending at a delimiter.
const PAIR = new RegExp(
  String.raw`["'\x60]?(${NAME})["'\x60]?\s*(?::|=|\|)\s*(?:(${NUMBER})\s*(%)?|(null|n/?a|none|missing|not available|-))(?=\s*(?:[,;|}\n)]|$|\s))`,
  'gim',
);
const DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;
const CHAIN = /\b(?:chain|network)\s*["']?\s*[:=|]\s*["']?([A-Za-z][A-Za-z0-9 _-]{1,30}?)["']?\s*(?:[,;|}\n)]|$)/im;
const CHAIN_PROSE = /\bthe ([A-Za-z][A-Za-z0-9-]{1,30}) (?:network|chain|blockchain)\b/i;
const REGIME = /\bregime(?:[ _]?label)?\s*["']?\s*[:=|]\s*["']?([A-Za-z]+)/im;

function toNumber(text: string, percent: boolean): number {
  const n = Number(text.replace(/,/g, '').replace('−', '-'));
  // toPrecision drops the float noise of the division (5.2% → 0.052, not 0.052000000000000005).
  return percent ? Number((n / 100).toPrecision(12)) : n;
}

export function readPrompt(text: string): PromptFacts {
  const metrics = new Map<string, number>();
  const missing: string[] = [];
  for (const m of text.matchAll(PAIR)) {
    const name = (m[1] ?? '').trim();
    // A date or a year is not a metric name; "2024-01-01: 5" reads as a label, skip.
    if (!name || /^\d/.test(name) || /\bdate\b|\bday\b/i.test(name)) continue;
    if (m[2] !== undefined) {
      const v = toNumber(m[2], m[3] === '%');
      if (Number.isFinite(v)) metrics.set(name, v);
    } else missing.push(name);
  }
  const dates = [...text.matchAll(DATE)].map((m) => m[1] ?? '');
  const chain = (CHAIN.exec(text)?.[1] ?? CHAIN_PROSE.exec(text)?.[1])?.trim().toLowerCase() ?? null;
  const regime = REGIME.exec(text)?.[1]?.toLowerCase() ?? null;
  return { date: dates.length ? (dates[dates.length - 1] as string) : null, chain, regime, metrics, missing };
}

/** Lower-case letters and digits only: "Tx growth (7d)" and "txGrowth7dFrac" compare alike. */
const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const isTx = (n: string) => /tx|transaction/.test(n);
const isUser = (n: string) => /user|sender|address|wallet|active/.test(n);
const isGrowth = (n: string) => /growth|change|wow|pct|delta|return/.test(n);
const isVol = (n: string) => /volatil/.test(n);

export interface Signals {
  txGrowth: { name: string; value: number } | null;
  userGrowth: { name: string; value: number } | null;
  volatility: { name: string; value: number } | null;
  transactions: { name: string; value: number } | null;
  users: { name: string; value: number } | null;
}

/** The metrics the analyst reasons from, picked by name (first match in prompt order). */
export function signals(facts: PromptFacts): Signals {
  const find = (pred: (n: string) => boolean) => {
    for (const [name, value] of facts.metrics) if (pred(norm(name))) return { name, value };
    return null;
  };
  return {
    txGrowth: find((n) => isTx(n) && isGrowth(n) && !isUser(n)),
    userGrowth: find((n) => isUser(n) && isGrowth(n)),
    volatility: find((n) => isVol(n) && (isTx(n) || !/volume/.test(n))),
    transactions: find((n) => isTx(n) && !isGrowth(n) && !isVol(n) && !/per|frac|rate|fee|gas|value/.test(n)),
    users:
      find((n) => /sender|user/.test(n) && !isGrowth(n) && !/per|frac|rate/.test(n)) ??
      find((n) => isUser(n) && !isGrowth(n) && !/per|frac|rate/.test(n)),
  };
}
