import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../core/errors';
import { loadFeatureArtifacts, saveArtifacts, SPEC_FILE, type FeatureArtifacts, type LoadOptions } from './artifacts';
import type { FeatureSet } from './build';
import { NpyWriter, readNpy, writeNpy, type NpyData } from './npy';
import { BLOCK_NAMES, type BlockName } from './split';

export interface WriteOptions {
  /** Also write fully materialised windows per block: {block}_x_{cat,num,mask}.npy [N, L, ·] and {block}_y_*.npy [N, ·]. Large. */
  materialize?: boolean;
}

/** Files of a feature folder: spec.json, README.md, per-action matrices and window starts per block. */
export const FILES = {
  cat: 'actions_cat.npy',
  num: 'actions_num.npy',
  mask: 'actions_mask.npy',
  windows: (b: BlockName) => `${b}_windows.npy`,
} as const;

export function writeFeatureDir(dir: string, set: FeatureSet, opts: WriteOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const a = set.artifacts;
  const written: string[] = [];
  const put = (name: string, dtype: Parameters<typeof writeNpy>[1], shape: number[], data: NpyData) => {
    writeNpy(join(dir, name), dtype, shape, data);
    written.push(name);
  };
  put(FILES.cat, '<i4', [set.count, a.catWidth], set.cat);
  put(FILES.num, '<f4', [set.count, a.numWidth], set.num);
  put(FILES.mask, '|u1', [set.count, a.numWidth], set.mask);
  for (const b of BLOCK_NAMES)
    put(
      FILES.windows(b),
      '<i8',
      [set.windows[b].length],
      BigInt64Array.from(set.windows[b], (s) => BigInt(s)),
    );
  if (opts.materialize) for (const b of BLOCK_NAMES) written.push(...materialize(dir, set, b));
  saveArtifacts(join(dir, SPEC_FILE), a);
  writeFileSync(join(dir, 'README.md'), readme(a, !!opts.materialize));
  written.push(SPEC_FILE, 'README.md');
  return written;
}

function materialize(dir: string, set: FeatureSet, b: BlockName): string[] {
  const { seqLen: L, catWidth: C, numWidth: F } = set.artifacts;
  const starts = set.windows[b];
  const n = starts.length;
  const specs = [
    { name: `${b}_x_cat.npy`, dtype: '<i4', shape: [n, L, C], src: set.cat, w: C, len: L, off: 0 },
    { name: `${b}_x_num.npy`, dtype: '<f4', shape: [n, L, F], src: set.num, w: F, len: L, off: 0 },
    { name: `${b}_x_mask.npy`, dtype: '|u1', shape: [n, L, F], src: set.mask, w: F, len: L, off: 0 },
    { name: `${b}_y_cat.npy`, dtype: '<i4', shape: [n, C], src: set.cat, w: C, len: 1, off: L },
    { name: `${b}_y_num.npy`, dtype: '<f4', shape: [n, F], src: set.num, w: F, len: 1, off: L },
    { name: `${b}_y_mask.npy`, dtype: '|u1', shape: [n, F], src: set.mask, w: F, len: 1, off: L },
  ] as const;
  for (const s of specs) {
    const w = new NpyWriter(join(dir, s.name), s.dtype, s.shape);
    for (const start of starts) w.write(s.src.subarray((start + s.off) * s.w, (start + s.off + s.len) * s.w));
    w.close();
  }
  return specs.map((s) => s.name);
}

/** Reads a folder written by writeFeatureDir back, checking shapes against the spec. */
export function loadFeatureSet(dir: string, opts: LoadOptions = {}): FeatureSet {
  const artifacts = loadFeatureArtifacts(dir, opts);
  const n = artifacts.data.actions;
  const read = (name: string, dtype: string, shape: number[]) => {
    const arr = readNpy(join(dir, name));
    if (arr.dtype !== dtype || arr.shape.join(',') !== shape.join(',')) {
      throw new WorkbenchError(
        `${join(dir, name)}: expected ${dtype} [${shape}], found ${arr.dtype} [${arr.shape}]`,
        'the folder is incomplete or mixed up: write it again with writeFeatureDir',
      );
    }
    return arr.data;
  };
  const windows = Object.fromEntries(
    BLOCK_NAMES.map((b) => [
      b,
      Int32Array.from(read(FILES.windows(b), '<i8', [artifacts.split.blocks[b].windows]) as BigInt64Array, (x) =>
        Number(x),
      ),
    ]),
  ) as Record<BlockName, Int32Array>;
  return {
    artifacts,
    count: n,
    cat: read(FILES.cat, '<i4', [n, artifacts.catWidth]) as Int32Array,
    num: read(FILES.num, '<f4', [n, artifacts.numWidth]) as Float32Array,
    mask: read(FILES.mask, '|u1', [n, artifacts.numWidth]) as Uint8Array,
    windows,
  };
}

function readme(a: FeatureArtifacts, materialized: boolean): string {
  const cols = a.fields
    .map(
      (f) =>
        `| ${f.matrix} | ${f.column} | ${f.name} | ${f.kind} | ${f.unit} | \`${f.source}\` | ${f.vocabSize ?? ''} |`,
    )
    .join('\n');
  const blocks = BLOCK_NAMES.map((b) => {
    const x = a.split.blocks[b];
    return `| ${b} | ${x.start}–${x.end} | ${x.firstHeight ?? '–'}–${x.lastHeight ?? '–'} | ${x.windows} |`;
  }).join('\n');
  return `# Maya action features (${a.version})

Built from ${a.data.actions} actions (data sha256 \`${a.data.sha256}\`). Window length L = ${a.seqLen}: a
window is actions [s, s+L) and its target is action s+L. Blocks are chronological with ${a.split.gap}
actions dropped between them; every window and target lies inside one block.

| block | action indices [start, end) | heights | windows |
|---|---|---|---|
${blocks}

Files: \`actions_cat.npy\` int32 [M, ${a.catWidth}] (0 = PAD, 1 = UNKNOWN), \`actions_num.npy\` float32
[M, ${a.numWidth}] (standardised on the train block; 0 where missing), \`actions_mask.npy\` uint8 [M, ${a.numWidth}]
(1 = present), \`{train,validation,test}_windows.npy\` int64 window starts${materialized ? ', and materialised `{block}_x_*.npy` [N, L, ·] / `{block}_y_*.npy` [N, ·]' : ''}.
\`spec.json\` holds every field, the vocabularies (id → token), the scalers (raw = scaled · std + mean)
and the split. Drop the fields listed in \`constantFeatures\` (${a.constantFeatures.join(', ') || 'none'}).

\`\`\`python
import json, numpy as np, torch
from torch.utils.data import Dataset, DataLoader

spec = json.load(open("spec.json"))
L = spec["seqLen"]
cat = torch.from_numpy(np.load("actions_cat.npy")).long()
num = torch.from_numpy(np.load("actions_num.npy"))
mask = torch.from_numpy(np.load("actions_mask.npy")).bool()

class Windows(Dataset):
    def __init__(self, block):
        self.starts = np.load(f"{block}_windows.npy")
    def __len__(self):
        return len(self.starts)
    def __getitem__(self, i):
        s = int(self.starts[i])
        x = (cat[s:s + L], num[s:s + L], mask[s:s + L])
        y = (cat[s + L], num[s + L], mask[s + L])
        return x, y

train = DataLoader(Windows("train"), batch_size=128, shuffle=True)
\`\`\`

| matrix | column | field | kind | unit | Midgard source | ids |
|---|---|---|---|---|---|---|
${cols}
`;
}
