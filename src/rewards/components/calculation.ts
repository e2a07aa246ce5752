import { sameNumber, type ComponentResult, type Prepared } from '../input';
import type { Token } from '../text/lex';
import { isEquals, parseExpr, type Expr, type Literal } from '../text/expr';
import type { TextView } from '../text/view';

/**
 * Calculation accuracy: every written equation "expression = result" (also ≈, ~, and chains
 * "a / b = 0.055 = 5.5%") is recomputed from the numbers as written. It is credited only when
 * (1) every input is a metric of the prompt's rows (or the result of an earlier credited step,
 * or a unit constant such as 7, 30, 100), with at least one value of the prompt's own row
 * (history alone is another day's data); (2) the step is not trivial (×1, ÷1, +0, a−a, a/a, a
 * result equal to an input); (3) it is no restatement: the result is not a value the row
 * already gives (recomputing `txPerSender` from its parts tells nothing new); (4) it means
 * something: no sum, difference or product of two different metrics (a product needs a
 * fraction on one side, a sum or difference two fractions); (5) the result is right within the
 * precision written or 1%. Each distinct equation counts once, so repeating one earns nothing.
 * Inside a ``` fence (code, scratchpads) nothing is credited, but a wrong result still counts as wrong.
 * Score = credited / (credited + wrong + ½·ungrounded) × min(1, credited / target).
 */

type Verdict = 'credited' | 'wrong' | 'ungrounded' | 'trivial' | 'restated' | 'meaningless';

interface Derived {
  v: number;
  tol: number;
}

interface Operand {
  kind: 'data' | 'const' | 'other';
  /** The row metric it is (null for derived results and constants). */
  metric: string | null;
  fraction: boolean;
  current: boolean;
}

function operandKind(l: Literal, p: Prepared, derived: readonly Derived[]): Operand {
  const a = Math.abs(l.v);
  let hist: Operand | null = null;
  for (const g of p.grounded) {
    if (!sameNumber(a, l.tol, l.pct, Math.abs(g.value), g.fraction)) continue;
    if (g.current) return { kind: 'data', metric: g.metric, fraction: g.fraction, current: true };
    hist ??= { kind: 'data', metric: g.metric, fraction: g.fraction, current: false };
  }
  for (const d of derived)
    if (Math.abs(a - Math.abs(d.v)) <= Math.max(l.tol, d.tol))
      return { kind: 'data', metric: null, fraction: false, current: true };
  if (hist) return hist;
  if (!l.pct && p.cfg.params.calculation.constants.includes(a))
    return { kind: 'const', metric: null, fraction: false, current: false };
  return { kind: 'other', metric: null, fraction: false, current: false };
}

/** The result is a value of the prompt's own row (within the precision written, a fraction also as a percentage). */
function restated(result: { v: number; tol: number; pct: boolean }, p: Prepared): boolean {
  const a = Math.abs(result.v);
  for (const g of p.grounded)
    if (g.current && sameNumber(a, result.tol, result.pct, Math.abs(g.value), g.fraction)) return true;
  return false;
}

/**
 * Arithmetic without meaning: a sum, difference or product of two different row metrics
 * (activeReceivers × transferredNative), or a 7-day rate compounded over a count of days
 * ((1 + txGrowth7dFrac)^7: the wrong unit of time; weeks compound a weekly rate).
 */
function meaningless(lhs: Expr, operands: readonly Operand[], c: Prepared['cfg']['params']['calculation']): boolean {
  if (operands.some((o) => o.metric !== null && c.weeklyRates.includes(o.metric)))
    for (const o of lhs.ops) if (o.op === '^' && c.dayCounts.includes(o.right)) return true;
  const metricOf = (v: number): Operand | null => {
    for (let i = 0; i < lhs.literals.length; i++)
      if ((lhs.literals[i] as Literal).v === v && (operands[i] as Operand).metric !== null)
        return operands[i] as Operand;
    return null;
  };
  // A ratio whose denominator is a row metric and whose other inputs include a different metric must be
  // one of the defined meaningful ratios (invented indices such as gasUsed / activeReceivers earn nothing).
  for (const o of lhs.ops) {
    if (o.op !== '/') continue;
    const b = metricOf(o.right);
    if (!b) continue;
    // A unit constant ("− 1", "× 100") stays a constant here, whatever metric it is within precision of.
    for (let k = 0; k < operands.length; k++) {
      const a = operands[k] as Operand;
      if (a.metric === null || a.metric === b.metric || c.constants.includes((lhs.literals[k] as Literal).v)) continue;
      if (!c.ratios.includes(`${a.metric}/${b.metric}`)) return true;
    }
  }
  for (const o of lhs.ops) {
    if (o.op === '/' || o.op === '^') continue;
    const a = metricOf(o.left);
    const b = metricOf(o.right);
    if (!a || !b || a.metric === b.metric) continue;
    if (o.op === '*' ? !a.fraction && !b.fraction : !(a.fraction && b.fraction)) return true;
  }
  return false;
}

function trivial(lhs: Expr, result: { v: number; tol: number }): boolean {
  for (const o of lhs.ops) {
    if (o.op === '*' && (o.left === 1 || o.right === 1)) return true;
    if (o.op === '/' && (o.right === 1 || o.left === o.right)) return true;
    if (o.op === '+' && (o.left === 0 || o.right === 0)) return true;
    if (o.op === '-' && (o.right === 0 || o.left === o.right)) return true;
    if (o.op === '^' && (o.right === 1 || o.right === 0)) return true;
  }
  // "a + 0.4 = a": the result, as precisely as it is written, is one of the inputs.
  for (const l of lhs.literals) if (Math.abs(Math.abs(result.v) - Math.abs(l.v)) <= result.tol) return true;
  return false;
}

function correct(computed: number, r: { v: number; tol: number; pct: boolean }, relTol: number): boolean {
  const slack = relTol * Math.abs(computed);
  if (Math.abs(computed - r.v) <= Math.max(r.tol, slack)) return true;
  // "… × 100 = 5.5%": the expression already is in percent.
  return r.pct && Math.abs(computed - r.v * 100) <= Math.max(r.tol * 100, slack);
}

function keyOf(tokens: readonly Token[], start: number, end: number, result: Token): string {
  const parts: string[] = [];
  for (let i = start; i < end; i++) parts.push((tokens[i] as Token).lo);
  return `${parts.join(' ')} = ${result.lo}`;
}

export function calculation(p: Prepared): ComponentResult {
  const c = p.cfg.params.calculation;
  const seen = new Set<string>();
  const derived: Derived[] = [];
  const counts: Record<Verdict, number> = {
    credited: 0,
    wrong: 0,
    ungrounded: 0,
    trivial: 0,
    restated: 0,
    meaningless: 0,
  };
  const examples: string[] = [];
  const scan = (v: TextView): void => {
    const t = v.tokens;
    for (const line of v.lines) {
      let hasEq = false;
      for (let i = line.start; i < line.end && !hasEq; i++) hasEq = isEquals(t[i]);
      if (!hasEq) continue;
      let i = line.start;
      while (i < line.end) {
        const x = t[i] as Token;
        // Only a number, a sign, '$' or '(' can start an expression: skip the parser's allocation elsewhere.
        if (x.k !== 'n' && !(x.k === 'p' && (x.s === '(' || x.s === '-' || x.s === '+' || x.s === '$'))) {
          i++;
          continue;
        }
        const first = parseExpr(t, i, line.end, c.maxUnitWords);
        if (!first || !isEquals(t[first.end])) {
          i++;
          continue;
        }
        const segs: { e: Expr; start: number }[] = [{ e: first, start: i }];
        let j = first.end;
        while (isEquals(t[j])) {
          const nx = parseExpr(t, j + 1, line.end, c.maxUnitWords);
          if (!nx) break;
          segs.push({ e: nx, start: j + 1 });
          j = nx.end;
        }
        for (let k = 0; k + 1 < segs.length; k++) {
          const lhs = segs[k] as { e: Expr; start: number };
          const rhs = (segs[k + 1] as { e: Expr }).e;
          if (!lhs.e.ops.length || rhs.ops.length || rhs.literals.length !== 1) continue;
          const lit = rhs.literals[0] as Literal;
          const result = { v: rhs.value, tol: lit.tol, pct: lit.pct };
          const resultTok = t[lit.index] as Token;
          const key = keyOf(t, lhs.start, lhs.e.end, resultTok);
          if (seen.has(key)) continue;
          const operands = lhs.e.literals.map((l) => operandKind(l, p, derived));
          const has = (k: Operand['kind']): boolean => operands.some((o) => o.kind === k);
          let verdict: Verdict;
          if (!has('data') && !has('other')) verdict = 'trivial';
          else if (trivial(lhs.e, result)) verdict = 'trivial';
          else if (has('other') || !operands.some((o) => o.kind === 'data' && o.current)) verdict = 'ungrounded';
          else if (restated(result, p)) verdict = 'restated';
          else if (meaningless(lhs.e, operands, c)) verdict = 'meaningless';
          else verdict = correct(lhs.e.value, result, c.relTol) ? 'credited' : 'wrong';
          // Code and scratchpads (``` fences) earn nothing, but a wrong result stated there is still false.
          if (line.fence && verdict !== 'wrong') continue;
          seen.add(key);
          counts[verdict]++;
          if (verdict === 'credited') derived.push({ v: result.v, tol: result.tol });
          if (examples.length < 4 && verdict !== 'credited') examples.push(`${verdict}: ${key}`);
        }
        i = j > i ? j : i + 1;
      }
    }
  };
  scan(p.reasoning);
  scan(p.answer);
  const { credited, wrong, ungrounded } = counts;
  const denom = credited + wrong + c.ungroundedWeight * ungrounded;
  const score = denom > 0 ? (credited / denom) * Math.min(1, credited / c.target) : 0;
  const head =
    denom > 0
      ? `${credited} credited, ${wrong} wrong, ${ungrounded} with inputs not in today's data, ${counts.trivial} trivial, ${counts.restated} restating the row, ${counts.meaningless} without meaning`
      : `no checkable calculation (${counts.trivial} trivial, ${counts.restated} restating the row, ${counts.meaningless} without meaning)`;
  return {
    score,
    applicable: true,
    explanation: examples.length ? `${head}; ${examples.join('; ')}` : head,
    details: { ...counts },
  };
}
