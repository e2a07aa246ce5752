import type { Token } from './lex';

/**
 * Arithmetic as written in an analysis: numbers (with %, k/M/B, a few unit words after them),
 * + − × ÷ / * ^ and "x" between numbers, parentheses. `parseExpr` reads the longest expression
 * starting at a token and records every literal and every binary operation, so the
 * calculation reward can ask where the inputs came from and whether the step was trivial.
 */
export interface Literal {
  /** Token index. */
  index: number;
  /** Value with its sign as used (percentages as fractions). */
  v: number;
  tol: number;
  pct: boolean;
}

export interface BinaryOp {
  op: string;
  left: number;
  right: number;
}

export interface Expr {
  value: number;
  literals: Literal[];
  ops: BinaryOp[];
  /** One past the last token read. */
  end: number;
}

const ADD = new Set(['+', '-']);
const MUL = new Set(['*', '/']);
const POW = new Set(['^']);

/** a^b; whole exponents by repeated multiplication, so both implementations get the same bits (pow's last bit is engine-specific). */
export function power(a: number, b: number): number {
  if (Number.isInteger(b) && Math.abs(b) <= 64) {
    let r = 1;
    for (let k = 0; k < Math.abs(b); k++) r *= a;
    return b < 0 ? 1 / r : r;
  }
  return a ** b;
}

class Parser {
  literals: Literal[] = [];
  ops: BinaryOp[] = [];
  constructor(
    private readonly t: readonly Token[],
    private readonly end: number,
    private readonly maxUnitWords: number,
  ) {}

  private tok(i: number): Token | null {
    return i < this.end ? (this.t[i] as Token) : null;
  }
  private isOp(i: number, set: Set<string>): boolean {
    const x = this.tok(i);
    return x !== null && x.k === 'p' && set.has(x.s);
  }
  private isTimesWord(i: number): boolean {
    const x = this.tok(i);
    return x !== null && x.k === 'w' && (x.s === 'x' || x.s === 'X') && this.tok(i + 1)?.k === 'n';
  }
  /** After a number, up to maxUnitWords words are units ("transactions", "ETH") if an operator, '=' or ')' follows them. */
  private skipUnits(i: number): number {
    let j = i;
    while (j - i < this.maxUnitWords && this.tok(j)?.k === 'w' && !this.isTimesWord(j)) j++;
    if (j === i) return i;
    const nx = this.tok(j);
    return nx !== null &&
      nx.k === 'p' &&
      (ADD.has(nx.s) || MUL.has(nx.s) || nx.s === '^' || nx.s === ')' || nx.s === '=' || nx.s === '≈')
      ? j
      : i;
  }

  expr(i: number): { v: number; end: number } | null {
    let a = this.term(i);
    if (!a) return null;
    while (this.isOp(a.end, ADD)) {
      const op: string = (this.tok(a.end) as Token).s;
      const b = this.term(a.end + 1);
      if (!b) break;
      this.ops.push({ op, left: a.v, right: b.v });
      a = { v: op === '+' ? a.v + b.v : a.v - b.v, end: b.end };
    }
    return a;
  }

  private term(i: number): { v: number; end: number } | null {
    let a = this.power(i);
    if (!a) return null;
    for (;;) {
      let op: string;
      if (this.isOp(a.end, MUL)) op = (this.tok(a.end) as Token).s;
      else if (this.isTimesWord(a.end)) op = '*';
      else break;
      const b = this.power(a.end + 1);
      if (!b) break;
      this.ops.push({ op, left: a.v, right: b.v });
      a = { v: op === '*' ? a.v * b.v : a.v / b.v, end: b.end };
    }
    return a;
  }

  private power(i: number): { v: number; end: number } | null {
    const a = this.unary(i);
    if (!a || !this.isOp(a.end, POW)) return a;
    const b = this.unary(a.end + 1);
    if (!b) return a;
    this.ops.push({ op: '^', left: a.v, right: b.v });
    return { v: power(a.v, b.v), end: b.end };
  }

  private unary(i: number): { v: number; end: number } | null {
    const x = this.tok(i);
    if (!x) return null;
    if (x.k === 'p' && (x.s === '-' || x.s === '+')) {
      const a = this.unary(i + 1);
      return a ? { v: x.s === '-' ? -a.v : a.v, end: a.end } : null;
    }
    if (x.k === 'p' && x.s === '$') return this.unary(i + 1);
    if (x.k === 'n') {
      this.literals.push({ index: i, v: x.v, tol: x.tol, pct: x.pct });
      return { v: x.v, end: this.skipUnits(i + 1) };
    }
    if (x.k === 'p' && x.s === '(') {
      const a = this.expr(i + 1);
      const close = a ? this.tok(a.end) : null;
      if (!a || !close || close.k !== 'p' || close.s !== ')') return null;
      return { v: a.v, end: a.end + 1 };
    }
    return null;
  }
}

/** The expression starting at token i (before `end`), or null when none starts there. */
export function parseExpr(tokens: readonly Token[], i: number, end: number, maxUnitWords: number): Expr | null {
  const p = new Parser(tokens, end, maxUnitWords);
  const r = p.expr(i);
  if (!r) return null;
  return { value: r.v, literals: p.literals, ops: p.ops, end: r.end };
}

/** '=', '≈' or '~' between two expressions. */
export const isEquals = (t: Token | undefined): boolean =>
  t !== undefined && t.k === 'p' && (t.s === '=' || t.s === '≈' || t.s === '~');
