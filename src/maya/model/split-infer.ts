import { Worker } from 'node:worker_threads';
import type * as tfjs from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import type { MayaModel } from './model';
import type { Inputs } from './network';
import { dense } from './ops';
import { disposeHalf, type HalfLayer, halfAttention, halfFfn, halfLayers } from './split-half';
import * as P from './split-protocol';
import { workerSource } from './worker-source';
import type { SplitWorkerInit } from './split-worker';

type T2 = tfjs.Tensor2D;

/**
 * One window's prediction on both cores (tensor parallelism, as Megatron-LM splits a layer): the
 * main thread runs half of each layer's attention heads and feed-forward units, a worker thread
 * (its own wasm backend) the other half, and the two partial sums meet through shared memory
 * twice per layer. The embeddings, residuals, layer norms and heads stay on the main thread. For
 * models whose prediction reads only the last position (no pointer head), one window at a time.
 * Outputs equal the one-thread path up to float rounding (test/maya/model/split-infer.test.ts).
 */
export class SplitInference {
  private seq = 0;
  private failure: string | undefined;
  private readonly ctrl: Int32Array;
  private readonly x: Float32Array;
  private readonly bias: Float32Array;
  private readonly out: Float32Array;

  private constructor(
    private readonly m: MayaModel,
    private readonly worker: Worker,
    private readonly half: HalfLayer[],
    buffers: P.SplitBuffers,
  ) {
    this.ctrl = new Int32Array(buffers.ctrl);
    this.x = new Float32Array(buffers.x);
    this.bias = new Float32Array(buffers.bias);
    this.out = new Float32Array(buffers.out);
    worker.on('message', (msg: { kind: string; message?: string }) => {
      if (msg.kind === 'error') this.failure = msg.message;
    });
  }

  static async start(m: MayaModel): Promise<SplitInference> {
    const a = m.config.arch;
    if (!m.net.lastOnlyTrunk || a.heads % 2 || a.ffn % 2 || a.dModel % 2)
      throw new WorkbenchError(
        `split inference needs a model that predicts from the last position only, with an even number of heads and units (preset ${m.config.preset})`,
        'use it with s25_l6-like presets (no pointer head)',
      );
    const weights = new Map(
      m.params.specs
        .filter((s) => /^l\d+\//.test(s.name))
        .map((s) => [s.name, m.params.v(s.name).dataSync() as Float32Array]),
    );
    const buffers = P.splitBuffers(m.layout.seqLen, a.dModel);
    const init: SplitWorkerInit = { config: m.config, weights, backend: 'wasm', buffers };
    const worker = new Worker(workerSource('split-worker'), { eval: true, workerData: init });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (msg: { kind: string; message?: string }) =>
        msg.kind === 'ready' ? resolve() : reject(new Error(`split worker: ${msg.message}`)),
      );
      worker.once('error', reject);
    });
    const get = (n: string) => weights.get(n) as Float32Array;
    return new SplitInference(m, worker, halfLayers(m.tf, m.config, get, 0), buffers);
  }

  /** Network.trunk(inp, undefined, true) for one window: the last position's state [1, d]. Call inside tidy. */
  trunk(inp: Inputs): T2 {
    const { tf, net } = this.m;
    const p = (n: string) => this.m.params.v(n);
    if (inp.B !== 1 || !inp.rows) throw new Error('split inference takes one window of inference rows');
    const bt = inp.bias ? inp.T : 0;
    if (inp.bias) this.bias.set(inp.bias.dataSync() as Float32Array);
    return net.trunk(inp, undefined, true, {
      attention: (l, h, last) => tf.add(this.attention(l, h, inp.bias, bt, last), p(`l${l}/out/b`)) as T2,
      ffn: (l, h) => tf.add(this.ffn(l, h), p(`l${l}/ff2/b`)) as T2,
    });
  }

  /** `bias`: the window's attention bias, also copied to the worker (its T is `bt`, 0 without one). */
  private attention(l: number, h: T2, bias: tfjs.Tensor | undefined, bt: number, last: boolean): T2 {
    const { tf, config } = this.m;
    this.send(P.OP_ATTENTION, l, h, bt, last);
    const mine = halfAttention(tf, h, this.half[l] as HalfLayer, config.arch.heads, bias, last);
    return tf.add(mine, this.receive(last ? 1 : h.shape[0])) as T2;
  }

  private ffn(l: number, h: T2): T2 {
    const tf = this.m.tf;
    if (h.shape[0] === 1) {
      // The last layer's single row: less work than a round trip to the worker.
      const w = (n: string) => this.m.params.v(`l${l}/${n}`);
      return dense(tf, dense(tf, h, w('ff1/w'), w('ff1/b'), 'relu'), w('ff2/w'));
    }
    this.send(P.OP_FFN, l, h, 0, false);
    const mine = halfFfn(tf, h, this.half[l] as HalfLayer);
    return tf.add(mine, this.receive(h.shape[0])) as T2;
  }

  private send(op: number, layer: number, h: T2, bt: number, last: boolean): void {
    const c = this.ctrl;
    this.x.set(h.dataSync() as Float32Array);
    c[P.OP] = op;
    c[P.LAYER] = layer;
    c[P.ROWS] = h.shape[0];
    c[P.LAST] = last ? 1 : 0;
    c[P.BIAS_T] = bt;
    Atomics.store(c, P.SEQ, ++this.seq);
    Atomics.notify(c, P.SEQ);
  }

  private receive(rows: number): T2 {
    const c = this.ctrl;
    // DONE only moves forward to this.seq; a worker that died never answers.
    const done = Atomics.load(c, P.DONE);
    if (done !== this.seq && !P.waitChange(c, P.DONE, done, 1, 60_000))
      throw new Error('split inference worker did not answer within 60 s');
    if (Atomics.load(c, P.FAILED)) throw new Error(`split inference worker failed: ${this.failure ?? 'see its error'}`);
    const d = this.m.config.arch.dModel;
    return this.m.tf.tensor2d(this.out.slice(0, rows * d), [rows, d]);
  }

  async close(): Promise<void> {
    this.ctrl[P.OP] = P.OP_STOP;
    Atomics.store(this.ctrl, P.SEQ, ++this.seq);
    Atomics.notify(this.ctrl, P.SEQ);
    disposeHalf(this.m.tf, this.half);
    await this.worker.terminate();
  }
}

/**
 * Runs the model's next predictions on both cores (see SplitInference). The worker holds a copy
 * of the weights as they are now: for a loaded model, not one still training. dispose() stops it.
 */
export async function enableSplitInference(m: MayaModel): Promise<void> {
  if (m.split) return;
  const split = await SplitInference.start(m);
  m.split = split;
  const dispose = m.dispose;
  m.dispose = () => {
    m.split = undefined;
    void split.close();
    dispose();
  };
}
