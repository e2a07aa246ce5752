import { Worker } from 'node:worker_threads';
import type { BackendPreference } from '../../core/tfjs';
import type { FeatureArtifacts, FeatureSet } from '../features';
import { windowBatch, type TargetMode } from './batch';
import type { ModelConfig } from './config';
import { buildLayout, type Layout } from './layout';
import { lossNorm } from './loss';
import type { OptimizerState } from './optimizer';
import { paramSpecs } from './params';
import type { FromWorker, ToWorker, WorkerInit } from './parallel-worker';
import { workerSource } from './worker-source';

export interface ParallelOptions {
  artifacts: FeatureArtifacts;
  config: ModelConfig;
  seed: number;
  /** Starting weights (every replica gets the same). */
  weights: Map<string, Float32Array>;
  /** Starting AdamW state (a resumed run). */
  optimizer?: OptimizerState;
  backend?: BackendPreference;
  workers: number;
}

/**
 * Data-parallel training over worker threads: each step's batch is split into one contiguous shard
 * of windows per worker; the workers' gradients (each normalised by the whole batch's sums, with
 * the whole batch's dropout masks) are summed through shared memory and every worker applies the
 * same AdamW update. The result equals a one-process step on the whole batch up to float rounding
 * (test/maya/model/parallel.test.ts).
 */
export class ParallelTrainer {
  private readonly pending: ((m: FromWorker) => void)[][];
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly ctrl: Int32Array,
    private readonly lay: Layout,
    private readonly cfg: ModelConfig,
  ) {
    this.pending = workers.map(() => []);
    workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => this.pending[i]?.shift()?.(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`training worker ${i} exited with code ${code}`));
      });
    });
  }

  static async start(o: ParallelOptions): Promise<ParallelTrainer> {
    const lay = buildLayout(o.artifacts, o.config);
    const P = paramSpecs(o.config, lay).reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    const grads = new SharedArrayBuffer(o.workers * P * 4);
    const ctrlBuf = new SharedArrayBuffer(8);
    const src = workerSource('parallel-worker');
    const workers = Array.from({ length: o.workers }, (_, index) => {
      const init: WorkerInit = {
        artifacts: o.artifacts,
        config: o.config,
        seed: o.seed,
        weights: o.weights,
        optimizer: o.optimizer,
        backend: o.backend ?? 'wasm',
        index,
        workers: o.workers,
        grads,
        ctrl: ctrlBuf,
      };
      return new Worker(src, { eval: true, workerData: init });
    });
    const t = new ParallelTrainer(workers, new Int32Array(ctrlBuf), lay, o.config);
    try {
      await Promise.all(workers.map((_, i) => t.reply(i)));
    } catch (e) {
      await t.close();
      throw e;
    }
    return t;
  }

  get size(): number {
    return this.workers.length;
  }

  /** One optimizer step on the windows at `starts`; returns the whole batch's loss. */
  async step(set: FeatureSet, starts: Int32Array, T: number, mode: TargetMode, lr: number, dropSeed: number) {
    const W = this.workers.length;
    const whole = windowBatch(set, starts, T, mode);
    if (!whole.target) throw new Error('a training step needs targets');
    const norm = lossNorm(this.cfg, this.lay, whole.target);
    const per = Math.ceil(starts.length / W);
    const replies = this.workers.map((_, i) => {
      const a = Math.min(starts.length, i * per);
      const b = Math.min(starts.length, a + per);
      const batch = b > a ? { ...windowBatch(set, starts.subarray(a, b), T, mode), first: a } : null;
      return this.call(i, { kind: 'step', batch, norm, lr, dropSeed });
    });
    let loss = 0;
    try {
      for (const r of await Promise.all(replies)) if (r.kind === 'stepped') loss += r.loss;
    } catch (e) {
      // A worker that failed skipped the update the others applied: the replicas differ now.
      this.fail(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    return loss;
  }

  /** The replicas' parameters and optimizer state (worker 0's; every replica holds the same). */
  async state(): Promise<{ params: Map<string, Float32Array>; optimizer: OptimizerState }> {
    const r = await this.call(0, { kind: 'get' });
    if (r.kind !== 'state') throw new Error(`training worker answered ${r.kind} to get`);
    return { params: r.params, optimizer: r.optimizer };
  }

  async close(): Promise<void> {
    Atomics.store(this.ctrl, 1, 1);
    Atomics.notify(this.ctrl, 0);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    Atomics.store(this.ctrl, 1, 1); // releases workers waiting at the gradient barrier
    Atomics.notify(this.ctrl, 0);
    for (const q of this.pending) for (const resolve of q.splice(0)) resolve({ kind: 'error', message: e.message });
  }

  private reply(i: number): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending[i]?.push((m) => (m.kind === 'error' ? reject(new Error(m.message)) : resolve(m)));
    });
  }

  private call(i: number, msg: ToWorker): Promise<FromWorker> {
    const r = this.reply(i);
    if (!this.failure) this.workers[i]?.postMessage(msg);
    return r;
  }
}
