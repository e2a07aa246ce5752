import { CHAIN_INFO, type ChainId } from '../../chain';
import { metricDefinition, noteFor, unitFor, type MetricName } from '../../chain';
import type { ChainDay } from '../../chain';

/**
 * How a metric value becomes prompt text. Units and meanings come from the definitions table;
 * fractions are multiplied by 100 exactly once, here, and printed with "%"; a null value is
 * printed as "not available" with its reason, never as 0.
 */

const NOT_DEFINED_PREFIX = 'null (not defined)';

/** Whether the metric is a fraction (rendered as a percentage), and whether it is a signed change. */
export function isFraction(name: MetricName): boolean {
  return metricDefinition(name).unit.startsWith('fraction');
}
function isSignedChange(name: MetricName): boolean {
  return metricDefinition(name).unit.includes('+');
}

/**
 * A fraction as a percentage: 0.985 → "98.5%", 0.123 → "+12.3%" when signed. One decimal,
 * more (up to 4) only when rounding would print a non-zero value as 0% or a value below 1 as 100%.
 */
export function formatPercent(frac: number, signed = false): string {
  const pct = frac * 100;
  let d = 1;
  const hides = (digits: number): boolean => {
    const shown = Number(pct.toFixed(digits));
    return (shown === 0 && pct !== 0) || (!signed && Math.abs(shown) === 100 && Math.abs(pct) !== 100);
  };
  while (d < 4 && hides(d)) d++;
  const body = Math.abs(pct).toFixed(d);
  const sign = pct < 0 ? '-' : signed && pct > 0 ? '+' : '';
  return `${sign}${body}%`;
}

/** An integer count with thousands separators: 290895 → "290,895". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** An amount: whole units above 100,000, 6 significant digits above 1, 4 below. */
export function formatAmount(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1e5) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 1) return x.toLocaleString('en-US', { maximumSignificantDigits: 6 });
  return String(Number(x.toPrecision(4)));
}

/** Why a metric is null on this chain: the definitions table's reason when it has one. */
export function nullReason(name: MetricName, chain: ChainId): string {
  const note = noteFor(name, chain);
  if (note.startsWith(NOT_DEFINED_PREFIX))
    return `not defined for ${CHAIN_INFO[chain].family} chains${note.slice(NOT_DEFINED_PREFIX.length)}`;
  if (note.startsWith('null')) return `undefined${note.slice(4)}`;
  const def = metricDefinition(name);
  if (def.kind === 'raw') return 'not reported by the source for this day';
  const clause = def.formula.split('; ')[1];
  if (clause?.startsWith('null')) return `undefined${clause.slice(4)}`;
  return `an input of ${def.formula} is missing or its denominator is 0`;
}

/** The value alone ("98.5%", "290,895", "5.81099"); null → "not available (reason)". */
export function formatValue(row: ChainDay, name: MetricName): string {
  const v = row[name];
  if (v === null) return `not available (${nullReason(name, row.chain)})`;
  if (!Number.isFinite(v)) throw new Error(`${row.chain} ${row.date}: ${name} is not a finite number (${v})`);
  if (isFraction(name)) return formatPercent(v, isSignedChange(name));
  if (metricDefinition(name).unit.startsWith('ln')) return v.toFixed(3);
  if (
    Number.isInteger(v) &&
    (metricDefinition(name).unit.startsWith('count') || metricDefinition(name).unit.startsWith('addresses'))
  )
    return formatCount(v);
  return formatAmount(v);
}

/** Short cell text for tables: the value, or "not available" (reasons are given once, in the row block). */
export function formatCell(row: ChainDay, name: MetricName): string {
  return row[name] === null ? 'not available' : formatValue(row, name);
}

/** The unit shown after a value: none for percentages (the value carries "%"). */
export function displayUnit(name: MetricName, chain: ChainId): string {
  return isFraction(name) ? '' : unitFor(name, chain);
}

/** What the metric means: the formula and, for raw metrics, the chain family's note. */
export function meaning(name: MetricName, chain: ChainId): string {
  const def = metricDefinition(name);
  const formula = def.formula.split('; ')[0] ?? def.formula;
  const note = noteFor(name, chain);
  return def.kind === 'raw' && note && !note.startsWith('null') ? `${formula}; ${note}` : formula;
}

/** "- successRate: 98.5% — successful / transactions with a known status; tx_succeeded (receipt status)". */
export function metricLine(row: ChainDay, name: MetricName): string {
  const value = formatValue(row, name);
  const unit = row[name] === null ? '' : displayUnit(name, row.chain);
  return `- ${name}: ${value}${unit ? ` ${unit}` : ''} — ${meaning(name, row.chain)}`;
}
