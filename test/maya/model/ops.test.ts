import type * as tfjs from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core';
import { maskedCE, softmaxCE } from '../../../src/maya/model/loss';
import { dense, dropoutMask, layerNorm } from '../../../src/maya/model/ops';
import { backend } from './fixture';

type Tf = Awaited<ReturnType<typeof backend>>['tf'];

function rand(tf: Tf, shape: number[], seed: number): tfjs.Tensor {
  const r = createRng(seed);
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.normal()),
    shape,
  );
}

/** Value and gradients of Σ w·f(inputs) for the hand-written op and its autodiff reference. */
function compare(
  tf: Tf,
  inputs: tfjs.Tensor[],
  mine: (...x: tfjs.Tensor[]) => tfjs.Tensor,
  reference: (...x: tfjs.Tensor[]) => tfjs.Tensor,
): void {
  const w = rand(tf, mine(...inputs).shape, 99);
  const a = tf.grads((...x: tfjs.Tensor[]) => tf.sum(tf.mul(mine(...x), w)))(inputs);
  const b = tf.grads((...x: tfjs.Tensor[]) => tf.sum(tf.mul(reference(...x), w)))(inputs);
  const close = (x: tfjs.Tensor, y: tfjs.Tensor) => {
    const xv = x.dataSync();
    const yv = y.dataSync();
    const scale = Math.max(1e-3, ...Array.from(yv, Math.abs));
    expect(Math.max(...Array.from(xv, (v, i) => Math.abs(v - (yv[i] as number))))).toBeLessThan(2e-4 * scale);
  };
  close(mine(...inputs), reference(...inputs));
  a.forEach((g, i) => close(g, b[i] as tfjs.Tensor));
}

describe('hand-written gradients match autodiff', () => {
  it('dense (bias, relu) and layer norm', async () => {
    const { tf } = await backend();
    tf.tidy(() => {
      const x = rand(tf, [7, 5], 1);
      const w = rand(tf, [5, 3], 2);
      const b = rand(tf, [3], 3);
      compare(
        tf,
        [x, w, b],
        (x, w, b) => dense(tf, x as tfjs.Tensor2D, w, b, 'relu'),
        (x, w, b) => tf.relu(tf.add(tf.matMul(x as tfjs.Tensor2D, w as tfjs.Tensor2D), b)),
      );
      compare(
        tf,
        [x, w],
        (x, w) => dense(tf, x as tfjs.Tensor2D, w),
        (x, w) => tf.matMul(x as tfjs.Tensor2D, w as tfjs.Tensor2D),
      );
      const g = rand(tf, [5], 4);
      compare(
        tf,
        [x, g, rand(tf, [5], 5)],
        (x, g, b) => layerNorm(tf, x as tfjs.Tensor2D, g, b),
        (x, g, b) => {
          const xc = tf.sub(x, tf.mean(x, -1, true));
          return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), 1e-5))), g), b);
        },
      );
    });
  });

  it("softmax cross-entropy and the pointer head's masked cross-entropy", async () => {
    const { tf } = await backend();
    tf.tidy(() => {
      const logits = rand(tf, [6, 4], 6);
      const labels = tf.tensor1d([0, 3, 1, 1, 2, 0], 'int32');
      compare(
        tf,
        [logits],
        (l) => softmaxCE(tf, l as tfjs.Tensor2D, labels),
        (l) => tf.neg(tf.sum(tf.mul(tf.logSoftmax(l), tf.cast(tf.oneHot(labels, 4), 'float32')), -1)),
      );
      const match = tf.tensor2d(
        [0, -1e9, 0, -1e9, -1e9, 0, -1e9, -1e9, -1, -1e9, 0, 0, 0, 0, 0, 0, -1e9, -1e9, -1e9, 0, 0, -1e9, 0, -1e9],
        [6, 4],
      );
      compare(
        tf,
        [logits],
        (l) => maskedCE(tf, l as tfjs.Tensor2D, match),
        (l) => tf.sub(tf.logSumExp(l, -1), tf.logSumExp(tf.add(l, match), -1)),
      );
    });
  });
});

describe('dropoutMask', () => {
  it("draws core's mulberry32 stream (keep where the draw ≥ rate), and skip starts that many draws in", async () => {
    const { tf } = await backend();
    const rate = 0.3;
    const rng = createRng(4242);
    const expected = Array.from({ length: 600 }, () => (rng.next() >= rate ? 1 / (1 - rate) : 0));
    const whole = dropoutMask(tf, [20, 30], rate, 4242);
    const tail = dropoutMask(tf, [10, 30], rate, 4242, 300);
    try {
      expect(Array.from(whole.dataSync())).toEqual(expected.map(Math.fround));
      expect(Array.from(tail.dataSync())).toEqual(expected.slice(300).map(Math.fround));
      const kept = expected.filter((x) => x > 0).length / expected.length;
      expect(kept).toBeGreaterThan(0.6);
      expect(kept).toBeLessThan(0.8);
    } finally {
      tf.dispose([whole, tail]);
    }
  });
});
