import { buildFeatures, type FeatureSet } from '../../../src/maya/features';
import { simulateActions } from '../../../src/midgard';
import { initModelBackend, resolveConfig, type ConfigOverrides, type ModelConfig } from '../../../src/maya/model';

/** A few hundred simulated actions, short windows: small enough for fast tests. */
export async function smallSet(n = 400, seqLen = 8): Promise<FeatureSet> {
  return buildFeatures(simulateActions({ seed: 5 }, n), { seqLen, buckets: 64 });
}

/** The prototype's code paths (post-norm, last position, bucket softmax, plain MSE) at tiny size. */
export const PROTOTYPE_PATHS: ConfigOverrides = {
  arch: {
    norm: 'post',
    causal: false,
    targets: 'last',
    addressHead: 'softmax',
    typeConditioned: false,
    amountPrior: false,
    presenceHead: false,
    numericLoss: 'all',
  },
};

export function tinyConfig(o: ConfigOverrides = {}): ModelConfig {
  return resolveConfig('tiny', o);
}

export async function backend() {
  return initModelBackend('auto');
}
