import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError } from '../../core/errors';
import { sha256 } from '../../core/hash';

/** One tensor in a blob: float32 little-endian, `offset` and `length` in elements. */
export const TensorEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
});
export type TensorEntry = z.infer<typeof TensorEntrySchema>;

export const WeightsIndexSchema = z.object({
  format: z.literal('maya-weights/1'),
  /** sha256 of the .bin file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tensors: z.array(TensorEntrySchema),
});
export type WeightsIndex = z.infer<typeof WeightsIndexSchema>;

export type NamedTensors = Map<string, Float32Array>;

const LE = endianness() === 'LE';

/** Concatenates tensors (in `order`) into one little-endian float32 buffer. */
export function packTensors(
  values: NamedTensors,
  shapes: Map<string, number[]>,
  order: string[],
  prefix = '',
): { entries: TensorEntry[]; data: Buffer } {
  const entries: TensorEntry[] = [];
  let total = 0;
  for (const name of order) {
    const v = values.get(name);
    if (!v) throw new Error(`packTensors: missing ${name}`);
    entries.push({
      name: prefix + name,
      shape: shapes.get(name) ?? [v.length],
      dtype: 'float32',
      offset: total,
      length: v.length,
    });
    total += v.length;
  }
  const data = Buffer.alloc(total * 4);
  for (const e of entries) {
    const v = values.get(e.name.slice(prefix.length)) as Float32Array;
    if (LE) data.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), e.offset * 4);
    else for (let i = 0; i < v.length; i++) data.writeFloatLE(v[i] as number, (e.offset + i) * 4);
  }
  return { entries, data };
}

/** Tensors of a blob whose name starts with `prefix` (prefix removed). */
export function unpackTensors(entries: TensorEntry[], data: Buffer, prefix = ''): NamedTensors {
  const out: NamedTensors = new Map();
  for (const e of entries) {
    if (!e.name.startsWith(prefix)) continue;
    if ((e.offset + e.length) * 4 > data.length) throw new Error(`tensor ${e.name} lies past the end of the data`);
    let v: Float32Array;
    if (LE) v = new Float32Array(Uint8Array.prototype.slice.call(data, e.offset * 4, (e.offset + e.length) * 4).buffer);
    else {
      v = new Float32Array(e.length);
      for (let i = 0; i < e.length; i++) v[i] = data.readFloatLE((e.offset + i) * 4);
    }
    out.set(e.name.slice(prefix.length), v);
  }
  return out;
}

/** Writes via a temp file in the same folder, fsync, rename: readers see the old file or the whole new one. */
export function writeFileAtomic(path: string, data: Buffer | string): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Directory fsync is best effort (not every filesystem allows it).
  }
}

/** Saves weights as DIR/weights.bin + DIR/weights.json (index with names, shapes, dtypes and the bin's sha256). */
export function saveWeights(
  dir: string,
  values: NamedTensors,
  shapes: Map<string, number[]>,
  order: string[],
): WeightsIndex {
  const { entries, data } = packTensors(values, shapes, order);
  const index: WeightsIndex = { format: 'maya-weights/1', sha256: sha256(data), tensors: entries };
  writeFileAtomic(join(dir, 'weights.bin'), data);
  writeFileAtomic(join(dir, 'weights.json'), `${JSON.stringify(index, null, 1)}\n`);
  return index;
}

export function loadWeights(dir: string): { index: WeightsIndex; values: NamedTensors } {
  const where = join(dir, 'weights.json');
  let index: WeightsIndex;
  let data: Buffer;
  try {
    index = WeightsIndexSchema.parse(JSON.parse(readFileSync(where, 'utf8')));
    data = readFileSync(join(dir, 'weights.bin'));
  } catch (e) {
    throw new WorkbenchError(
      `cannot read model weights in ${dir}: ${e instanceof Error ? e.message : String(e)}`,
      'point at a folder written by trainModel (manifest.json, weights.json, weights.bin)',
    );
  }
  if (sha256(data) !== index.sha256)
    throw new WorkbenchError(
      `${join(dir, 'weights.bin')}: sha256 does not match weights.json`,
      'the weights file is damaged or from another run: train again',
    );
  return { index, values: unpackTensors(index.tensors, data) };
}
