import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../../core/tfjs';
import type { TrainConfig } from './config';
import type { Params } from './params';

/**
 * Linear warmup to `lr`, then cosine decay to lr · minLrRatio at `total` steps. `step` counts from 1.
 * The warmup is at most a tenth of the planned steps: a demo-size run (132 steps) with the
 * default's 100 warmup steps spent most of its steps below the peak rate and learned only the
 * marginals.
 */
export function warmupOf(cfg: TrainConfig, total: number): number {
  return Math.min(cfg.warmupSteps, Math.ceil(total / 10));
}

export function learningRate(cfg: TrainConfig, step: number, total: number): number {
  const warmup = warmupOf(cfg, total);
  if (warmup > 0 && step <= warmup) return (cfg.lr * step) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return cfg.lr * (cfg.minLrRatio + (1 - cfg.minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

export interface OptimizerState {
  step: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), gradients clipped by global norm first.
 * Moments are float32 variables per parameter; `step` is the number of updates applied.
 */
export class AdamW {
  step = 0;
  private readonly m = new Map<string, tfjs.Variable>();
  private readonly v = new Map<string, tfjs.Variable>();

  constructor(
    private readonly tf: Tf,
    private readonly params: Params,
    private readonly cfg: TrainConfig,
  ) {
    for (const s of params.specs) {
      this.m.set(s.name, tf.variable(tf.zeros(s.shape), false));
      this.v.set(s.name, tf.variable(tf.zeros(s.shape), false));
    }
  }

  /** Applies one update with learning rate `lr`; grads by parameter name. Returns the pre-clip global norm (a scalar tensor the caller disposes). */
  apply(grads: Map<string, tfjs.Tensor>, lr: number): tfjs.Scalar {
    const tf = this.tf;
    const c = this.cfg;
    this.step++;
    const t = this.step;
    const bc1 = 1 - c.beta1 ** t;
    const bc2 = 1 - c.beta2 ** t;
    return tf.tidy(() => {
      const specs = this.params.specs;
      const norm = tf.sqrt(tf.addN(specs.map((s) => tf.sum(tf.square(grads.get(s.name) as tfjs.Tensor)))));
      const scale = tf.div(c.clipNorm, tf.maximum(norm, c.clipNorm)); // 1 below the clip
      for (const s of specs) {
        // One scope per parameter: temporaries are freed before the next one (peak memory).
        tf.tidy(() => {
          const p = this.params.v(s.name);
          const m = this.m.get(s.name) as tfjs.Variable;
          const v = this.v.get(s.name) as tfjs.Variable;
          const g = tf.mul(grads.get(s.name) as tfjs.Tensor, scale);
          m.assign(tf.add(tf.mul(m, c.beta1), tf.mul(g, 1 - c.beta1)));
          v.assign(tf.add(tf.mul(v, c.beta2), tf.mul(tf.square(g), 1 - c.beta2)));
          const upd = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), c.eps));
          const decayed = s.decay && c.weightDecay > 0 ? tf.mul(p, 1 - lr * c.weightDecay) : p;
          p.assign(tf.sub(decayed, tf.mul(upd, lr)));
        });
      }
      return norm as tfjs.Scalar;
    });
  }

  state(): OptimizerState {
    const read = (vars: Map<string, tfjs.Variable>) =>
      new Map([...vars].map(([k, x]) => [k, (x.dataSync() as Float32Array).slice()]));
    return { step: this.step, m: read(this.m), v: read(this.v) };
  }

  load(s: OptimizerState): void {
    const put = (vars: Map<string, tfjs.Variable>, vals: Map<string, Float32Array>) => {
      for (const [k, x] of vars) {
        const val = vals.get(k);
        if (!val) throw new Error(`optimizer state lacks ${k}`);
        const t = this.tf.tensor(val, x.shape, 'float32');
        x.assign(t);
        t.dispose();
      }
    };
    put(this.m, s.m);
    put(this.v, s.v);
    this.step = s.step;
  }

  dispose(): void {
    for (const x of [...this.m.values(), ...this.v.values()]) x.dispose();
  }
}
