import { parentPort, workerData } from 'node:worker_threads';
import type { BackendPreference } from '../../core/tfjs';
import { initModelBackend } from './backend';
import type { ModelConfig } from './config';
import { halfAttention, halfFfn, halfLayers } from './split-half';
import * as P from './split-protocol';

/** The second half of every layer for split inference (split-infer.ts): waits on shared memory, computes, signals. */
export interface SplitWorkerInit {
  config: ModelConfig;
  /** The layers' weights by name (l{i}/qkv/w …); the worker keeps only its half. */
  weights: Map<string, Float32Array>;
  backend: BackendPreference;
  buffers: P.SplitBuffers;
}

async function run(init: SplitWorkerInit): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('split-worker must run in a worker thread');
  const { tf } = await initModelBackend(init.backend);
  const get = (n: string) => {
    const v = init.weights.get(n);
    if (!v) throw new Error(`split worker: no weights for ${n}`);
    return v;
  };
  const half = halfLayers(tf, init.config, get, 1);
  init.weights.clear();
  const d = init.config.arch.dModel;
  const ctrl = new Int32Array(init.buffers.ctrl);
  const x = new Float32Array(init.buffers.x);
  const bias = new Float32Array(init.buffers.bias);
  const out = new Float32Array(init.buffers.out);
  port.postMessage({ kind: 'ready' });
  let seen = 0;
  for (;;) {
    // Spin a little before sleeping: within a prediction the next request follows in microseconds.
    P.waitChange(ctrl, P.SEQ, seen, 0.5, Number.POSITIVE_INFINITY);
    seen = Atomics.load(ctrl, P.SEQ);
    const op = Atomics.load(ctrl, P.OP);
    if (op === P.OP_STOP) return;
    try {
      const rows = ctrl[P.ROWS] as number;
      const bt = ctrl[P.BIAS_T] as number;
      const w = half[ctrl[P.LAYER] as number];
      if (!w) throw new Error(`split worker: no layer ${ctrl[P.LAYER]}`);
      const y = tf.tidy(() => {
        const xi = tf.tensor2d(x.subarray(0, rows * d), [rows, d]);
        if (op === P.OP_FFN) return halfFfn(tf, xi, w);
        const b = bt ? tf.tensor4d(bias.subarray(0, bt * bt), [1, 1, bt, bt]) : undefined;
        return halfAttention(tf, xi, w, init.config.arch.heads, b, ctrl[P.LAST] === 1);
      });
      out.set(y.dataSync() as Float32Array);
      y.dispose();
    } catch (e) {
      Atomics.store(ctrl, P.FAILED, 1);
      port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
    Atomics.store(ctrl, P.DONE, seen);
    Atomics.notify(ctrl, P.DONE);
  }
}

run(workerData as SplitWorkerInit).catch((e) => {
  parentPort?.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
});
