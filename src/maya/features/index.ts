export { buildFeatures, type BuildOptions, type FeatureSet } from './build';
export { FeatureExtractor, Encoder, decodeRow, type EncodedRow, type DecodedRow } from './encoder';
export { ContextExtractor, normalizeAddress, swapTargetAsset, type RawRow, type ContextConfig } from './context';
export { writeFeatureDir, loadFeatureSet, FILES as FEATURE_FILES, type WriteOptions } from './export';
export {
  loadFeatureArtifacts,
  parseArtifacts,
  saveArtifacts,
  FeatureArtifactsSchema,
  FEATURES_VERSION,
  type FeatureArtifacts,
  type BlockInfo,
  type LoadOptions,
} from './artifacts';
export { hashActions, canonicalJson, DATA_HASH_METHOD } from './data-hash';
export { murmur3, hashBucket } from './murmur3';
export {
  amountE8,
  log1pAmountE8,
  baseUnitsFromE8,
  assetExponent,
  MAYA_UNITS,
  THORCHAIN_UNITS,
  type AssetUnits,
} from './units';
export { Vocabulary } from './vocab';
export { scaleValue, unscaleValue, type Scaler } from './scaler';
export { planSplit, windowStarts, BLOCK_NAMES, type BlockName, type SplitOptions } from './split';
export { writeNpy, readNpy, NpyWriter, type NpyDtype, type NpyArray } from './npy';
export {
  PAD,
  UNKNOWN,
  FALSE_ID,
  TRUE_ID,
  BUCKET_OFFSET,
  CATEGORY_FIELDS,
  CODE_FIELDS,
  NUMERIC_FIELDS,
  CAT_WIDTH,
  NUM_WIDTH,
  type FieldSpec,
} from './fields';
export {
  recordKeyShapes,
  checkKeyParity,
  shapeKind,
  keyPaths,
  KeyShapeRecorder,
  KeyShapesSchema,
  type KeyShapes,
  type KeyParity,
} from './key-shapes';
