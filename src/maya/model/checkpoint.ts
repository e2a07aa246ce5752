import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../../core/hash';
import { EpochRecordSchema } from './manifest';
import type { OptimizerState } from './optimizer';
import { packTensors, TensorEntrySchema, unpackTensors, writeFileAtomic, type NamedTensors } from './weights-io';

/**
 * Training state at the end of an epoch. Shuffles and dropout masks are functions of
 * (seed, epoch, step), so epoch and step are the whole RNG state.
 */
export const CheckpointStateSchema = z.object({
  /** Identifies config + data + seed; a checkpoint of another run is never resumed. */
  fingerprint: z.string(),
  /** Completed epochs. */
  epoch: z.number().int().min(1),
  /** Optimizer updates applied. */
  step: z.number().int().min(0),
  bestValLoss: z.number().nullable(),
  bestEpoch: z.number().int().nullable(),
  /** Epochs since the last validation improvement. */
  badEpochs: z.number().int().min(0),
  stoppedEarly: z.boolean(),
  history: z.array(EpochRecordSchema),
  trainSeconds: z.number(),
  startedAt: z.string(),
});
export type CheckpointState = z.infer<typeof CheckpointStateSchema>;

const HeaderSchema = z.object({
  format: z.literal('maya-checkpoint/1'),
  state: CheckpointStateSchema,
  tensors: z.array(TensorEntrySchema),
  payloadBytes: z.number().int().min(0),
  payloadSha256: z.string(),
});

const MAGIC = Buffer.from('MAYACKP1');
const NAME = /^epoch-(\d{5})\.ckpt$/;

export interface Checkpoint {
  state: CheckpointState;
  params: NamedTensors;
  optimizer: OptimizerState;
  /** Weights of the best validation epoch, when that is not the current one. */
  best?: NamedTensors;
  file: string;
}

/**
 * One self-contained file per epoch (magic, header length, JSON header, float32 payload), written
 * to a temp name and renamed, so a kill leaves either the previous checkpoint or the new one.
 * Older checkpoints beyond the previous one and stray temp files are removed afterwards.
 */
export function writeCheckpoint(
  dir: string,
  c: Omit<Checkpoint, 'file'>,
  shapes: Map<string, number[]>,
  order: string[],
): string {
  mkdirSync(dir, { recursive: true });
  const groups: [string, NamedTensors][] = [
    ['p/', c.params],
    ['m/', c.optimizer.m],
    ['v/', c.optimizer.v],
  ];
  if (c.best) groups.push(['b/', c.best]);
  const packed = groups.map(([prefix, values]) => packTensors(values, shapes, order, prefix));
  let offset = 0;
  const entries = packed.flatMap((p) => {
    const shifted = p.entries.map((e) => ({ ...e, offset: e.offset + offset }));
    offset += p.data.length / 4;
    return shifted;
  });
  const payload = Buffer.concat(packed.map((p) => p.data));
  const header = Buffer.from(
    JSON.stringify({
      format: 'maya-checkpoint/1',
      state: c.state,
      tensors: entries,
      payloadBytes: payload.length,
      payloadSha256: sha256(payload),
    }),
  );
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const pad = Buffer.alloc((4 - ((MAGIC.length + 4 + header.length) % 4)) % 4);
  const file = join(dir, `epoch-${String(c.state.epoch).padStart(5, '0')}.ckpt`);
  writeFileAtomic(file, Buffer.concat([MAGIC, len, header, pad, payload]));
  const keep = new Set([c.state.epoch, c.state.epoch - 1]);
  for (const f of readdirSync(dir)) {
    const m = NAME.exec(f);
    if ((m && !keep.has(Number(m[1]))) || f.includes('.tmp-')) rmSync(join(dir, f), { force: true });
  }
  return file;
}

/** Parses one checkpoint file; throws on anything truncated or inconsistent. */
export function readCheckpoint(file: string): Checkpoint {
  const buf = readFileSync(file);
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a checkpoint file');
  const hlen = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + hlen > buf.length) throw new Error('truncated header');
  const header = HeaderSchema.parse(JSON.parse(buf.subarray(start, start + hlen).toString('utf8')));
  const pstart = start + hlen + ((4 - ((start + hlen) % 4)) % 4);
  const payload = buf.subarray(pstart);
  if (payload.length !== header.payloadBytes || sha256(payload) !== header.payloadSha256)
    throw new Error('payload truncated or damaged');
  const best = unpackTensors(header.tensors, payload, 'b/');
  return {
    state: header.state,
    params: unpackTensors(header.tensors, payload, 'p/'),
    optimizer: {
      step: header.state.step,
      m: unpackTensors(header.tensors, payload, 'm/'),
      v: unpackTensors(header.tensors, payload, 'v/'),
    },
    best: best.size ? best : undefined,
    file,
  };
}

/** The newest readable checkpoint in `dir` (temp files and damaged files are skipped), or undefined. */
export function latestCheckpoint(dir: string, onSkip?: (file: string, why: string) => void): Checkpoint | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => NAME.test(f));
  } catch {
    return undefined;
  }
  for (const f of files.sort().reverse()) {
    try {
      return readCheckpoint(join(dir, f));
    } catch (e) {
      onSkip?.(join(dir, f), e instanceof Error ? e.message : String(e));
    }
  }
  return undefined;
}
