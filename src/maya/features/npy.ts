import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * NumPy .npy files, format version 1.0: magic "\x93NUMPY", version 1.0, a little-endian uint16
 * header length, an ASCII dict padded with spaces to a multiple of 64 bytes (ending in "\n"),
 * then the C-order little-endian data.
 */
export type NpyDtype = '<i4' | '<f4' | '<i8' | '<f8' | '|u1';
export type NpyData = Int32Array | Float32Array | BigInt64Array | Float64Array | Uint8Array;

const CTOR = {
  '<i4': Int32Array,
  '<f4': Float32Array,
  '<i8': BigInt64Array,
  '<f8': Float64Array,
  '|u1': Uint8Array,
} as const;
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

function checkHost(): void {
  if (endianness() !== 'LE') throw new Error('.npy writing assumes a little-endian host');
}

export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Buffer {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${dims}), }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  dict += `${' '.repeat(pad % 64)}\n`;
  const len = Buffer.alloc(4);
  len[0] = 1; // version 1.0
  len[1] = 0;
  len.writeUInt16LE(dict.length, 2);
  return Buffer.concat([MAGIC, len, Buffer.from(dict, 'latin1')]);
}

function bytesOf(data: NpyData): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Appends chunks to one .npy file whose shape is known up front (for arrays too big to hold). */
export class NpyWriter {
  private readonly fd: number;
  private written = 0;
  private readonly total: number;

  constructor(
    readonly path: string,
    readonly dtype: NpyDtype,
    readonly shape: readonly number[],
  ) {
    checkHost();
    this.total = shape.reduce((a, b) => a * b, 1);
    this.fd = openSync(path, 'w');
    writeSync(this.fd, npyHeader(dtype, shape));
  }

  write(chunk: NpyData): void {
    if (!(chunk instanceof CTOR[this.dtype]))
      throw new TypeError(`${this.path}: a ${this.dtype} file takes ${CTOR[this.dtype].name} chunks`);
    this.written += chunk.length;
    if (this.written > this.total)
      throw new RangeError(`${this.path}: more elements than the shape [${this.shape}] holds`);
    writeSync(this.fd, bytesOf(chunk));
  }

  close(): void {
    closeSync(this.fd);
    if (this.written !== this.total)
      throw new RangeError(`${this.path}: wrote ${this.written} of ${this.total} elements for shape [${this.shape}]`);
  }
}

export function writeNpy(path: string, dtype: NpyDtype, shape: readonly number[], data: NpyData): void {
  const w = new NpyWriter(path, dtype, shape);
  try {
    w.write(data);
  } finally {
    w.close();
  }
}

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

/** Reads a C-order .npy file of one of the dtypes above (version 1.0 or 2.0 headers). */
export function readNpy(path: string): NpyArray {
  const buf = readFileSync(path);
  if (!buf.subarray(0, 6).equals(MAGIC)) throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.subarray(start, start + headerLen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran-order arrays are not supported`);
  if (!descr || !(descr in CTOR) || shapeText === undefined)
    throw new Error(`${path}: unsupported .npy header ${header.trim()}`);
  const dtype = descr as NpyDtype;
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const Ctor = CTOR[dtype];
  const body = buf.subarray(start + headerLen);
  if (body.length < count * Ctor.BYTES_PER_ELEMENT)
    throw new Error(`${path}: truncated: ${body.length} data bytes for shape [${shape}]`);
  // Copy into a fresh, aligned buffer.
  const data = new Ctor(count);
  Buffer.from(data.buffer).set(body.subarray(0, count * Ctor.BYTES_PER_ELEMENT));
  return { dtype, shape, data };
}
