import type * as tfjs from '@tensorflow/tfjs';
import { loadTfjs, type Tf } from '../../core';
import type { DirectionModel } from './types';
import { shuffled, windowsAt, type NetConfig } from './windows';

/** One LSTM layer over the feature window, then a sigmoid unit; Adam on binary cross-entropy, seeded. */
export function lstmModel(cfg: NetConfig): DirectionModel {
  let tf: Tf | undefined;
  let model: tfjs.Sequential | undefined;
  return {
    name: 'lstm',
    async fit(data, train) {
      tf = (await loadTfjs()).tf;
      const t = tf;
      model?.dispose();
      const m = t.sequential();
      m.add(
        t.layers.lstm({
          units: cfg.hidden,
          inputShape: [data.window, data.features],
          kernelInitializer: t.initializers.glorotUniform({ seed: cfg.seed }),
          recurrentInitializer: t.initializers.orthogonal({ seed: cfg.seed + 1, gain: 1 }),
        }),
      );
      m.add(
        t.layers.dense({
          units: 1,
          activation: 'sigmoid',
          kernelInitializer: t.initializers.glorotUniform({ seed: cfg.seed + 2 }),
        }),
      );
      m.compile({ optimizer: t.train.adam(cfg.learningRate), loss: 'binaryCrossentropy' });
      model = m;
      const rows = train.filter((i) => data.y[i] !== null);
      for (let e = 0; e < cfg.epochs; e++) {
        const order = shuffled(rows, cfg.seed * 1000 + e);
        for (let b = 0; b < order.length; b += cfg.batchSize) {
          const batch = order.slice(b, b + cfg.batchSize);
          const xs = t.tensor3d(windowsAt(data, batch), [batch.length, data.window, data.features]);
          const ys = t.tensor2d(
            batch.map((i) => data.y[i] as number),
            [batch.length, 1],
          );
          await m.trainOnBatch(xs, ys);
          t.dispose([xs, ys]);
        }
      }
    },
    async predict(data, at) {
      if (!tf || !model) throw new Error('lstm: predict before fit');
      const xs = tf.tensor3d(windowsAt(data, at), [at.length, data.window, data.features]);
      const out = model.predict(xs) as tfjs.Tensor;
      const p = Array.from(await out.data());
      tf.dispose([xs, out]);
      return p;
    },
    dispose() {
      model?.dispose();
      model = undefined;
    },
  };
}
