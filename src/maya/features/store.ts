import type { RawRow } from './context';

/** Typed-array column that doubles as it grows (row-major, fixed width). */
class Growable<T extends Int32Array | Float32Array | Float64Array> {
  private buf: T;
  length = 0;

  constructor(
    private readonly make: (n: number) => T,
    readonly width: number,
  ) {
    this.buf = make(1024 * width);
  }

  push(values: ArrayLike<number>): void {
    if ((this.length + 1) * this.width > this.buf.length) {
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    const at = this.length * this.width;
    for (let j = 0; j < this.width; j++) this.buf[at + j] = values[j] as number;
    this.length++;
  }

  get(i: number, j: number): number {
    return this.buf[i * this.width + j] as number;
  }
}

/**
 * Raw rows of a whole stream, compact: tokens interned per vocabulary (-1 = null), codes and
 * float32 values as they came, and each action's height and date for the split boundaries.
 */
export class RawStore {
  private readonly tokens: Growable<Int32Array>;
  private readonly codes: Growable<Int32Array>;
  private readonly values: Growable<Float32Array>;
  private readonly heights = new Growable((n) => new Float64Array(n), 1);
  private dates = new BigInt64Array(1024);
  /** Per token column: the intern table of its vocabulary (columns sharing a vocabulary share it). */
  private readonly interns: { ids: Map<string, number>; list: string[] }[];

  constructor(vocabOfColumn: readonly string[], codeWidth: number, valueWidth: number) {
    const tables = new Map<string, { ids: Map<string, number>; list: string[] }>();
    this.interns = vocabOfColumn.map((v) => {
      const t = tables.get(v) ?? { ids: new Map<string, number>(), list: [] };
      tables.set(v, t);
      return t;
    });
    this.tokens = new Growable((n) => new Int32Array(n), vocabOfColumn.length);
    this.codes = new Growable((n) => new Int32Array(n), codeWidth);
    this.values = new Growable((n) => new Float32Array(n), valueWidth);
  }

  get count(): number {
    return this.tokens.length;
  }

  push(row: RawRow, height: number, date: bigint): void {
    const ids = row.tokens.map((t, j) => {
      if (t === null) return -1;
      const table = this.interns[j] as { ids: Map<string, number>; list: string[] };
      let id = table.ids.get(t);
      if (id === undefined) {
        id = table.list.length;
        table.ids.set(t, id);
        table.list.push(t);
      }
      return id;
    });
    this.tokens.push(ids);
    this.codes.push(row.codes);
    this.values.push(row.values);
    this.heights.push([height]);
    if (this.count > this.dates.length) {
      const next = new BigInt64Array(this.dates.length * 2);
      next.set(this.dates);
      this.dates = next;
    }
    this.dates[this.count - 1] = date;
  }

  /** The raw row at index i, exactly as the context extractor produced it (values float32-rounded). */
  row(i: number): RawRow {
    const tokens: (string | null)[] = [];
    for (let j = 0; j < this.tokens.width; j++) {
      const id = this.tokens.get(i, j);
      tokens.push(id < 0 ? null : ((this.interns[j] as { list: string[] }).list[id] as string));
    }
    const codes: number[] = [];
    for (let j = 0; j < this.codes.width; j++) codes.push(this.codes.get(i, j));
    const values: number[] = [];
    for (let j = 0; j < this.values.width; j++) values.push(this.values.get(i, j));
    return { tokens, codes, values };
  }

  height(i: number): number {
    return this.heights.get(i, 0);
  }

  date(i: number): bigint {
    return this.dates[i] as bigint;
  }
}
