export { decodeAction, type DecodeContext } from './decode-action';
export { sampleId, argmax, type SamplingOptions } from './sample';
export { Window, type NextActionPredictor, type NextDistribution } from './predictor';
export { simulateFeed, sampleRow, argmaxIds, SimulateOptionsSchema, type SimulateOptions } from './simulate';
export { predictLive, type LiveOptions, type LiveScore, type LiveEvent } from './live';
