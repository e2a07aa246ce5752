import type { MidgardAction } from '../../midgard';
import type { FeatureArtifacts } from './artifacts';
import { ContextExtractor, type RawRow } from './context';
import { BUCKET_OFFSET, CATEGORY_FIELDS, CODE_FIELDS, FALSE_ID, NUMERIC_FIELDS, PAD, TRUE_ID } from './fields';
import { scaleValue, unscaleValue, type Scaler } from './scaler';
import { Vocabulary } from './vocab';

/** One encoded action: categorical ids, scaled numerics (0 where missing) and the presence mask. */
export interface EncodedRow {
  cat: Int32Array;
  num: Float32Array;
  mask: Uint8Array;
}

/** The fitted, stateless half: RawRow → ids and scaled values. Shared by batch and step extraction. */
export class Encoder {
  readonly vocabs: Vocabulary[];
  readonly scalers: Scaler[];

  constructor(readonly artifacts: FeatureArtifacts) {
    const byName = {
      type: new Vocabulary(artifacts.vocabs.type),
      status: new Vocabulary(artifacts.vocabs.status),
      pool: new Vocabulary(artifacts.vocabs.pool),
      asset: new Vocabulary(artifacts.vocabs.asset),
    };
    this.vocabs = CATEGORY_FIELDS.map((f) => byName[f.vocab]);
    this.scalers = NUMERIC_FIELDS.map((f) => artifacts.scalers[f.name] as Scaler);
  }

  /** Writes row `raw` at row offsets catAt (into cat) and numAt (into num and mask). */
  encodeInto(raw: RawRow, cat: Int32Array, catAt: number, num: Float32Array, mask: Uint8Array, numAt: number): void {
    const nv = this.vocabs.length;
    for (let j = 0; j < nv; j++) cat[catAt + j] = (this.vocabs[j] as Vocabulary).id(raw.tokens[j] ?? null);
    for (let j = 0; j < raw.codes.length; j++) cat[catAt + nv + j] = raw.codes[j] as number;
    for (let j = 0; j < this.scalers.length; j++) {
      const x = raw.values[j] as number;
      const present = !Number.isNaN(x);
      num[numAt + j] = present ? scaleValue(this.scalers[j] as Scaler, x) : 0;
      mask[numAt + j] = present ? 1 : 0;
    }
  }

  encode(raw: RawRow): EncodedRow {
    const row = {
      cat: new Int32Array(this.artifacts.catWidth),
      num: new Float32Array(this.artifacts.numWidth),
      mask: new Uint8Array(this.artifacts.numWidth),
    };
    this.encodeInto(raw, row.cat, 0, row.num, row.mask, 0);
    return row;
  }
}

/**
 * The extractor for inference, live prediction and simulation: feed actions one at a time, in
 * ascending order (real or generated), and get the same rows the training build produced. Rows
 * match the build's once seqLen actions of history have been fed.
 */
export class FeatureExtractor {
  readonly context: ContextExtractor;
  readonly encoder: Encoder;

  constructor(readonly artifacts: FeatureArtifacts) {
    this.context = new ContextExtractor({
      seqLen: artifacts.seqLen,
      buckets: artifacts.buckets,
      units: artifacts.units,
    });
    this.encoder = new Encoder(artifacts);
  }

  step(action: MidgardAction): EncodedRow {
    return this.encoder.encode(this.context.next(action));
  }

  reset(): void {
    this.context.reset();
  }
}

/** A row decoded back to tokens and natural units (amounts in 1e8 base units, time in seconds). */
export interface DecodedRow {
  /** Vocabulary tokens; null for PAD, '<UNK>' for UNKNOWN. */
  categories: Record<string, string | null>;
  flags: Record<string, boolean | null>;
  /** Hash bucket in [0, buckets); null for PAD. */
  buckets: Record<string, number | null>;
  /** Natural units (`unit` of the field without its log1p); null where masked. */
  numerics: Record<string, number | null>;
}

/** Inverse of encoding, for turning a model's prediction back into an action description (pass an Encoder to decode many rows). */
export function decodeRow(
  source: FeatureArtifacts | Encoder,
  cat: ArrayLike<number>,
  num: ArrayLike<number>,
  mask?: ArrayLike<number>,
): DecodedRow {
  const enc = source instanceof Encoder ? source : new Encoder(source);
  const out: DecodedRow = { categories: {}, flags: {}, buckets: {}, numerics: {} };
  CATEGORY_FIELDS.forEach((f, j) => {
    const id = Math.round(cat[j] as number);
    out.categories[f.name] = id === PAD ? null : (enc.vocabs[j] as Vocabulary).token(id);
  });
  CODE_FIELDS.forEach((f, k) => {
    const id = Math.round(cat[CATEGORY_FIELDS.length + k] as number);
    if (f.kind === 'flag') out.flags[f.name] = id === TRUE_ID ? true : id === FALSE_ID ? false : null;
    else out.buckets[f.name] = id >= BUCKET_OFFSET ? id - BUCKET_OFFSET : null;
  });
  NUMERIC_FIELDS.forEach((f, j) => {
    if (mask && !mask[j]) {
      out.numerics[f.name] = null;
      return;
    }
    const raw = unscaleValue(enc.scalers[j] as Scaler, num[j] as number);
    out.numerics[f.name] = f.transform === 'identity' ? raw : Math.max(0, Math.expm1(raw));
  });
  const lu = out.numerics.liquidityUnits;
  if (lu != null && out.flags.liquidityUnitsNegative) out.numerics.liquidityUnits = -lu;
  return out;
}
