import type * as tfjs from '@tensorflow/tfjs';
import { createRng } from '../../core/rng';
import type { Tf } from '../../core/tfjs';
import type { ModelConfig } from './config';
import { TYPE_COL, type Layout } from './layout';

export type Init = 'glorot' | 'embed' | 'zeros' | 'ones';

export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
  /** AdamW weight decay applies (weight matrices only). */
  decay: boolean;
}

/** Every trainable tensor of the network, in a fixed order (the order of init draws and of files). */
export function paramSpecs(cfg: ModelConfig, lay: Layout): ParamSpec[] {
  const a = cfg.arch;
  const d = a.dModel;
  const J = lay.numWidth;
  const out: ParamSpec[] = [];
  const mat = (name: string, rows: number, cols: number) =>
    out.push({ name, shape: [rows, cols], init: 'glorot', decay: true });
  const vec = (name: string, n: number, init: Init = 'zeros') => out.push({ name, shape: [n], init, decay: false });
  const norm = (name: string) => {
    vec(`${name}/g`, d, 'ones');
    vec(`${name}/b`, d);
  };
  lay.embedGroups.forEach((g, i) =>
    out.push({ name: `embed/${i}`, shape: [g.rows, g.dim], init: 'embed', decay: false }),
  );
  mat('in/w', lay.inWidth, d);
  vec('in/b', d);
  for (let l = 0; l < a.layers; l++) {
    norm(`l${l}/ln1`);
    mat(`l${l}/qkv/w`, d, 3 * d);
    vec(`l${l}/qkv/b`, 3 * d);
    mat(`l${l}/out/w`, d, d);
    vec(`l${l}/out/b`, d);
    norm(`l${l}/ln2`);
    mat(`l${l}/ff1/w`, d, a.ffn);
    vec(`l${l}/ff1/b`, a.ffn);
    mat(`l${l}/ff2/w`, a.ffn, d);
    vec(`l${l}/ff2/b`, d);
  }
  if (a.norm === 'pre') norm('final/ln');
  const vType = lay.vocab[TYPE_COL] as number;
  if (lay.typeSeparate) {
    mat('head/type/w', d, vType);
    vec('head/type/b', vType);
  }
  if (a.typeConditioned) out.push({ name: 'head/cond', shape: [vType, d], init: 'embed', decay: false });
  mat('head/cat/w', d, lay.catTotal);
  vec('head/cat/b', lay.catTotal);
  const numOut = a.presenceHead ? 2 * J : J;
  mat('head/num/w', d, numOut);
  vec('head/num/b', numOut);
  if (lay.pointerCols.length) {
    const P = lay.pointerCols.length;
    mat('ptr/q/w', d, P * a.pointerDim);
    mat('ptr/k/w', d, P * a.pointerDim);
    // Two special outcomes per pointer column: the address is absent (PAD), or new.
    mat('ptr/sp/w', d, P * 2);
    vec('ptr/sp/b', P * 2);
  }
  // Last, so the other parameters draw the same initial values with or without it (copy-prior.ts).
  if (a.copyPrior) vec('head/copy', lay.catWidth, 'ones');
  return out;
}

/** Seeded initial values: Glorot-uniform matrices, N(0, 0.1) embeddings, one RNG stream in spec order. */
export function initialValues(specs: ParamSpec[], seed: number): Map<string, Float32Array> {
  const rng = createRng(seed);
  const out = new Map<string, Float32Array>();
  for (const s of specs) {
    const n = s.shape.reduce((p, x) => p * x, 1);
    const v = new Float32Array(n);
    if (s.init === 'ones') v.fill(1);
    else if (s.init === 'glorot') {
      const limit = Math.sqrt(6 / ((s.shape[0] as number) + (s.shape[1] as number)));
      for (let i = 0; i < n; i++) v[i] = (2 * rng.next() - 1) * limit;
    } else if (s.init === 'embed') for (let i = 0; i < n; i++) v[i] = 0.1 * rng.normal();
    out.set(s.name, v);
  }
  return out;
}

/** The network's variables by name. */
export class Params {
  private constructor(
    readonly tf: Tf,
    readonly specs: ParamSpec[],
    private readonly vars: Map<string, tfjs.Variable>,
  ) {}

  static create(tf: Tf, specs: ParamSpec[], values: Map<string, Float32Array>): Params {
    const vars = new Map<string, tfjs.Variable>();
    for (const s of specs) {
      const v = values.get(s.name);
      if (!v) throw new Error(`no value for parameter ${s.name}`);
      vars.set(s.name, tf.variable(tf.tensor(v, s.shape, 'float32'), true));
    }
    return new Params(tf, specs, vars);
  }

  v(name: string): tfjs.Variable {
    const x = this.vars.get(name);
    if (!x) throw new Error(`unknown parameter ${name}`);
    return x;
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  list(): tfjs.Variable[] {
    return this.specs.map((s) => this.v(s.name));
  }

  count(): number {
    return this.specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** Copies of every value (for checkpoints, the best-epoch weights and saving). */
  snapshot(): Map<string, Float32Array> {
    return new Map(this.specs.map((s) => [s.name, (this.v(s.name).dataSync() as Float32Array).slice()]));
  }

  assign(values: Map<string, Float32Array>): void {
    for (const s of this.specs) {
      const v = values.get(s.name);
      if (!v) throw new Error(`no value for parameter ${s.name}`);
      const t = this.tf.tensor(v, s.shape, 'float32');
      this.v(s.name).assign(t);
      t.dispose();
    }
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
  }
}
