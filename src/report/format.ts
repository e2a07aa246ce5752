import type { Cell } from './blocks';

/** Numbers as a researcher reads them: integers grouped, other values to 6 significant digits. */
export function formatCell(v: Cell): string {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return Math.abs(v) >= 1e15 ? v.toExponential(6) : v.toLocaleString('en-US');
    const abs = Math.abs(v);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return v.toExponential(4);
    return Number(v.toPrecision(6)).toString();
  }
  return String(v);
}
