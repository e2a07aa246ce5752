import { parentPort, workerData } from 'node:worker_threads';
import type { BackendPreference } from '../../core/tfjs';
import type { FeatureArtifacts } from '../features';
import { initModelBackend } from './backend';
import type { Batch } from './batch';
import type { ModelConfig } from './config';
import type { LossNorm } from './loss';
import { createModel, trainGrads } from './model';
import { AdamW, type OptimizerState } from './optimizer';

/**
 * One data-parallel training worker (started by parallel.ts): its own tfjs backend and replica of
 * the parameters and AdamW moments. Per step it computes the gradients of its shard of the batch,
 * writes them into its slot of a SharedArrayBuffer, waits for every worker's slot, sums the slots
 * in worker order and applies the update: every replica applies the same sum, so they stay equal.
 */
export interface WorkerInit {
  artifacts: FeatureArtifacts;
  config: ModelConfig;
  seed: number;
  weights: Map<string, Float32Array>;
  optimizer?: OptimizerState;
  backend: BackendPreference;
  index: number;
  workers: number;
  /** Float32 [workers × parameter count]: one gradient slot per worker. */
  grads: SharedArrayBuffer;
  /** Int32 [arrivals, abort]. */
  ctrl: SharedArrayBuffer;
}

export type ToWorker =
  | { kind: 'step'; batch: Batch | null; norm: LossNorm; lr: number; dropSeed: number }
  | { kind: 'get' }
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'stepped'; loss: number }
  | { kind: 'state'; params: Map<string, Float32Array>; optimizer: OptimizerState }
  | { kind: 'error'; message: string };

const ARRIVALS = 0;
const ABORT = 1;

/** Waits until `target` workers have arrived in total (or the trainer aborts). */
function barrier(ctrl: Int32Array, target: number): void {
  const now = Atomics.add(ctrl, ARRIVALS, 1) + 1;
  if (now >= target) {
    Atomics.notify(ctrl, ARRIVALS);
    return;
  }
  for (;;) {
    const v = Atomics.load(ctrl, ARRIVALS);
    if (v >= target) return;
    if (Atomics.load(ctrl, ABORT)) throw new Error('the data-parallel trainer was stopped');
    Atomics.wait(ctrl, ARRIVALS, v, 1000);
  }
}

async function run(init: WorkerInit): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('parallel-worker must run in a worker thread');
  const post = (m: FromWorker) => port.postMessage(m);
  const { tf, info } = await initModelBackend(init.backend);
  const m = createModel(tf, info, init.artifacts, init.config, init.seed, init.weights);
  const opt = new AdamW(tf, m.params, init.config.train);
  if (init.optimizer) opt.load(init.optimizer);
  const specs = m.params.specs;
  const sizes = specs.map((s) => s.shape.reduce((a, b) => a * b, 1));
  const offsets: number[] = [];
  let P = 0;
  for (const n of sizes) offsets.push((P += n) - n);
  const slots = Array.from({ length: init.workers }, (_, w) => new Float32Array(init.grads, w * P * 4, P));
  const mine = slots[init.index] as Float32Array;
  const ctrl = new Int32Array(init.ctrl);
  const sum = new Float32Array(P);
  let steps = 0;

  const step = (msg: Extract<ToWorker, { kind: 'step' }>): FromWorker => {
    let loss = 0;
    let failure: string | undefined;
    try {
      if (msg.batch) {
        const r = trainGrads(m, msg.batch, msg.dropSeed, msg.norm);
        loss = r.loss;
        specs.forEach((s, i) => mine.set(r.grads.get(s.name)?.dataSync() as Float32Array, offsets[i]));
        tf.dispose([...r.grads.values()]);
      } else mine.fill(0); // an empty shard (a last batch smaller than the worker count)
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
      mine.fill(Number.NaN);
    }
    barrier(ctrl, init.workers * ++steps); // arrive even after a failure, so no other worker hangs
    if (failure) return { kind: 'error', message: failure };
    sum.set(slots[0] as Float32Array);
    for (let w = 1; w < slots.length; w++) {
      const s = slots[w] as Float32Array;
      for (let i = 0; i < P; i++) sum[i] = (sum[i] as number) + (s[i] as number);
    }
    const byName = new Map(
      specs.map((s, i) => [
        s.name,
        tf.tensor(sum.subarray(offsets[i], (offsets[i] as number) + (sizes[i] as number)), s.shape, 'float32'),
      ]),
    );
    tf.dispose([opt.apply(byName, msg.lr), ...byName.values()]);
    return { kind: 'stepped', loss };
  };

  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.kind === 'step') post(step(msg));
      else if (msg.kind === 'get') post({ kind: 'state', params: m.params.snapshot(), optimizer: opt.state() });
      else {
        opt.dispose();
        m.dispose();
        port.close();
      }
    } catch (e) {
      post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
  post({ kind: 'ready' });
}

if (parentPort && workerData) {
  run(workerData as WorkerInit).catch((e: unknown) =>
    parentPort?.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) } as FromWorker),
  );
}
