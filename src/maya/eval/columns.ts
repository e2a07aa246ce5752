import type { FeatureArtifacts, Scaler } from '../features';
import { BUCKET_OFFSET, FALSE_ID, PAD, TRUE_ID, UNKNOWN } from '../features';

export type CatKind = 'category' | 'flag' | 'bucket';
export type TransformName = 'identity' | 'log1p' | 'log1pAbs';

/** One column of the categorical matrix, with the id → display label mapping of its vocabulary. */
export interface CatColumn {
  name: string;
  kind: CatKind;
  column: number;
  vocabSize: number;
  label: (id: number) => string;
}

/** One column of the numeric matrix, with what is needed to get back to real units. */
export interface NumColumn {
  name: string;
  column: number;
  transform: TransformName;
  /** Unit after inverting the transform (e.g. '1e8 base units', 'bps'). */
  realUnit: string;
  scaler: Scaler;
}

const RESERVED: Record<number, string> = { [PAD]: '<PAD>', [UNKNOWN]: '<UNK>' };

export function catColumns(a: FeatureArtifacts): CatColumn[] {
  return a.fields
    .filter((f) => f.matrix === 'cat')
    .sort((x, y) => x.column - y.column)
    .map((f) => {
      const kind = f.kind as CatKind;
      let label: (id: number) => string;
      if (kind === 'category') {
        const tokens = a.vocabs[f.vocab as keyof FeatureArtifacts['vocabs']];
        label = (id) => tokens[id] ?? `id ${id}`;
      } else if (kind === 'flag') {
        label = (id) => RESERVED[id] ?? (id === FALSE_ID ? 'false' : id === TRUE_ID ? 'true' : `id ${id}`);
      } else {
        label = (id) => RESERVED[id] ?? `bucket ${id - BUCKET_OFFSET}`;
      }
      return { name: f.name, kind, column: f.column, vocabSize: f.vocabSize ?? 0, label };
    });
}

export function numColumns(a: FeatureArtifacts): NumColumn[] {
  return a.fields
    .filter((f) => f.matrix === 'num')
    .sort((x, y) => x.column - y.column)
    .map((f) => ({
      name: f.name,
      column: f.column,
      transform: f.transform ?? 'identity',
      realUnit: /^log1p\((.*)\)$/.exec(f.unit)?.[1] ?? f.unit,
      scaler: a.scalers[f.name] as Scaler,
    }));
}

/** Index of the `type` column in the categorical matrix. */
export const TYPE_COLUMN = 0;
