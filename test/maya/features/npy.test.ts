import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFeatures, readNpy, writeFeatureDir, writeNpy } from '../../../src/maya/features';
import { useTmpDir } from '../../helpers/tmp';
import { synthActions } from './synth';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Reads .npy files with the standard library only (struct), independently of our reader, and
 * with numpy too when it is installed. Prints {file: {descr, shape, values, numpy?}}.
 */
const READER = `
import json, struct, sys, ast
out = {}
try:
    import numpy as np
except ImportError:
    np = None
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    assert raw[:6] == b'\\x93NUMPY' and raw[6:8] == b'\\x01\\x00', 'magic/version'
    hlen = struct.unpack('<H', raw[8:10])[0]
    assert (10 + hlen) % 64 == 0, 'header not padded to 64 bytes'
    header = raw[10:10 + hlen].decode('latin1')
    assert header.endswith('\\n')
    h = ast.literal_eval(header)
    assert h['fortran_order'] is False
    code = {'<i4': 'i', '<f4': 'f', '<i8': 'q', '|u1': 'B', '<f8': 'd'}[h['descr']]
    n = 1
    for d in h['shape']:
        n *= d
    vals = list(struct.unpack('<%d%s' % (n, code), raw[10 + hlen:]))
    if code == 'q':
        vals = [str(v) for v in vals]  # int64 beyond 2^53 survives JSON as text
    entry = {'descr': h['descr'], 'shape': list(h['shape']), 'values': vals}
    if np is not None:
        a = np.load(path)
        unpacked = list(struct.unpack('<%d%s' % (n, code), raw[10 + hlen:]))
        entry['numpy'] = {'dtype': a.dtype.str, 'shape': list(a.shape), 'equal': a.reshape(-1).tolist() == unpacked}
    out[path] = entry
print(json.dumps(out))
`;

function pyRead(paths: string[]): Record<
  string,
  {
    descr: string;
    shape: number[];
    values: (number | string)[];
    numpy?: { dtype: string; shape: number[]; equal: boolean };
  }
> {
  return JSON.parse(execFileSync(PYTHON, ['-c', READER, ...paths], { encoding: 'utf8' })) as ReturnType<typeof pyRead>;
}

describe('.npy export', () => {
  const tmp = useTmpDir();

  it('writes every dtype so Python reads back the same values', () => {
    const dir = tmp();
    const files = {
      i4: join(dir, 'i4.npy'),
      f4: join(dir, 'f4.npy'),
      i8: join(dir, 'i8.npy'),
      u1: join(dir, 'u1.npy'),
      empty: join(dir, 'empty.npy'),
    };
    writeNpy(files.i4, '<i4', [2, 3], Int32Array.from([0, 1, -1, 2147483647, -2147483648, 42]));
    writeNpy(files.f4, '<f4', [4], Float32Array.from([0.5, -1.25, 3.4028234663852886e38, 1e-45]));
    writeNpy(files.i8, '<i8', [3], BigInt64Array.from([0n, 9007199254740993n, -9223372036854775808n]));
    writeNpy(files.u1, '|u1', [1, 2, 2], Uint8Array.from([0, 1, 255, 7]));
    writeNpy(files.empty, '<i8', [0], new BigInt64Array(0));
    const py = pyRead(Object.values(files));
    expect(py[files.i4]).toMatchObject({
      descr: '<i4',
      shape: [2, 3],
      values: [0, 1, -1, 2147483647, -2147483648, 42],
    });
    expect(py[files.f4]).toMatchObject({
      descr: '<f4',
      shape: [4],
      values: [0.5, -1.25, 3.4028234663852886e38, 1.401298464324817e-45],
    });
    expect(py[files.i8]).toMatchObject({
      descr: '<i8',
      shape: [3],
      values: ['0', '9007199254740993', '-9223372036854775808'],
    });
    expect(py[files.u1]).toMatchObject({ descr: '|u1', shape: [1, 2, 2], values: [0, 1, 255, 7] });
    expect(py[files.empty]).toMatchObject({ descr: '<i8', shape: [0], values: [] });
    for (const f of Object.values(py))
      if (f.numpy) expect(f.numpy).toEqual({ dtype: f.descr, shape: f.shape, equal: true });
    expect(readNpy(files.i8).data).toEqual(BigInt64Array.from([0n, 9007199254740993n, -9223372036854775808n]));
    expect(readNpy(files.u1).shape).toEqual([1, 2, 2]);
  });

  it('exports a feature folder whose matrices and materialised windows Python reads identically', async () => {
    const L = 4;
    const set = await buildFeatures(synthActions(200, 11), { seqLen: L, buckets: 16 });
    const dir = tmp();
    const written = writeFeatureDir(dir, set, { materialize: true });
    expect(written).toEqual(
      expect.arrayContaining([
        'actions_cat.npy',
        'actions_num.npy',
        'actions_mask.npy',
        'train_windows.npy',
        'test_x_num.npy',
        'spec.json',
        'README.md',
      ]),
    );
    const names = [
      'actions_cat',
      'actions_num',
      'actions_mask',
      'train_windows',
      'validation_windows',
      'test_windows',
      'validation_x_cat',
      'validation_x_num',
      'validation_y_mask',
    ];
    const py = pyRead(names.map((n) => join(dir, `${n}.npy`)));
    const get = (n: string) =>
      py[join(dir, `${n}.npy`)] as {
        descr: string;
        shape: number[];
        values: (number | string)[];
        numpy?: { dtype: string; shape: number[]; equal: boolean };
      };
    const { catWidth: C, numWidth: F } = set.artifacts;
    expect(get('actions_cat')).toMatchObject({ descr: '<i4', shape: [set.count, C], values: Array.from(set.cat) });
    expect(get('actions_num')).toMatchObject({ descr: '<f4', shape: [set.count, F], values: Array.from(set.num) });
    expect(get('actions_mask')).toMatchObject({ descr: '|u1', shape: [set.count, F], values: Array.from(set.mask) });
    expect(get('train_windows')).toMatchObject({ descr: '<i8', values: Array.from(set.windows.train, String) });
    expect(get('test_windows').values).toEqual(Array.from(set.windows.test, String));
    const starts = set.windows.validation;
    const n = starts.length;
    expect(get('validation_x_cat').shape).toEqual([n, L, C]);
    expect(get('validation_x_cat').values).toEqual(
      Array.from(starts).flatMap((s) => Array.from(set.cat.subarray(s * C, (s + L) * C))),
    );
    expect(get('validation_x_num').values).toEqual(
      Array.from(starts).flatMap((s) => Array.from(set.num.subarray(s * F, (s + L) * F))),
    );
    expect(get('validation_y_mask').shape).toEqual([n, F]);
    expect(get('validation_y_mask').values).toEqual(
      Array.from(starts).flatMap((s) => Array.from(set.mask.subarray((s + L) * F, (s + L + 1) * F))),
    );
    for (const f of Object.values(py))
      if (f.numpy) expect(f.numpy).toEqual({ dtype: f.descr, shape: f.shape, equal: true });
    expect(JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')).version).toBe('maya-features/1');
  });
});
