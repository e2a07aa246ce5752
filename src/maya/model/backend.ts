import type * as tfjs from '@tensorflow/tfjs';
import { loadTfjs, type BackendPreference, type Tf, type TfjsBackendInfo } from '../../core/tfjs';

/** Backend info plus the kernels this module added to it (recorded in model manifests). */
export interface ModelBackendInfo extends TfjsBackendInfo {
  forwardedKernels: string[];
}

/**
 * Kernels the wasm backend lacks that training can reach: UnsortedSegmentSum is the gradient of
 * Gather (embeddings, type-conditioned heads); the rest are forwarded to the cpu backend so a
 * model variant using them still trains instead of failing.
 */
const CPU_FORWARDED = [
  'Einsum',
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

// The slice of BackendWasm / MathBackendCPU used here (not exported as types by tfjs).
interface DataBackend {
  readSync(dataId: object): unknown;
  write(values: unknown, shape: number[], dtype: tfjs.DataType): object;
  disposeData(dataId: object, force?: boolean): boolean;
}
interface WasmBackend extends DataBackend {
  makeOutput(shape: number[], dtype: tfjs.DataType, memoryOffset?: number, values?: unknown): tfjs.TensorInfo;
}

/**
 * Loads tfjs through core's `loadTfjs` and, on wasm, registers the missing gradient kernels.
 * Idempotent: a second call returns the same module and info.
 */
export async function initModelBackend(pref: BackendPreference = 'auto'): Promise<{ tf: Tf; info: ModelBackendInfo }> {
  const { tf, info } = await loadTfjs(pref);
  const forwardedKernels = info.backend === 'wasm' ? registerWasmForwards(tf) : [];
  return { tf, info: { ...info, forwardedKernels } };
}

/** Registers the forwards on 'wasm' (once per process); returns the kernel names now forwarded. */
export function registerWasmForwards(tf: Tf): string[] {
  const done: string[] = [];
  if (registerOnce(tf, 'UnsortedSegmentSum', unsortedSegmentSum)) done.push('UnsortedSegmentSum');
  for (const name of CPU_FORWARDED) {
    const cpuKernel = tf.getKernel(name, 'cpu');
    if (cpuKernel && registerOnce(tf, name, forwardToCpu(tf, cpuKernel.kernelFunc))) done.push(name);
  }
  return done;
}

function registerOnce(tf: Tf, kernelName: string, kernelFunc: tfjs.KernelFunc): boolean {
  const existing = tf.getKernel(kernelName, 'wasm');
  if (existing && !(existing.kernelFunc as { forwarded?: boolean }).forwarded) return false; // a real wasm kernel exists
  if (!existing) {
    (kernelFunc as { forwarded?: boolean }).forwarded = true;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  return true;
}

/**
 * out[segmentIds[i], ...] += x[i, ...], as one pass over x (the cpu backend's kernel loops over
 * every segment, O(segments × x), far too slow for a 1,000-row embedding table).
 */
const unsortedSegmentSum: tfjs.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmBackend;
  const x = inputs.x as tfjs.TensorInfo;
  const ids = inputs.segmentIds as tfjs.TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const xv = wasm.readSync(x.dataId) as Float32Array | Int32Array;
  const iv = wasm.readSync(ids.dataId) as Int32Array;
  const rows = iv.length;
  const inner = rows === 0 ? 0 : xv.length / rows;
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let i = 0; i < rows; i++) {
    const s = iv[i] as number;
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range ids
    const o = s * inner;
    const xi = i * inner;
    for (let k = 0; k < inner; k++) out[o + k] += xv[xi + k] as number;
  }
  return wasm.makeOutput([numSegments, ...x.shape.slice(ids.shape.length)], x.dtype, undefined, out);
};

/** Runs a cpu kernel on copies of the inputs and writes the result(s) back as wasm tensors. */
function forwardToCpu(tf: Tf, cpuFunc: tfjs.KernelFunc): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as unknown as WasmBackend;
    const cpu = tf.findBackend('cpu') as unknown as DataBackend | null;
    if (!cpu) throw new Error('the cpu backend is needed to forward a kernel the wasm backend lacks');
    const created: object[] = [];
    const cpuInputs: Record<string, tfjs.TensorInfo> = {};
    for (const [k, t] of Object.entries(inputs)) {
      if (!t) continue;
      const values = (wasm.readSync(t.dataId) as Float32Array).slice();
      const dataId = cpu.write(values, t.shape, t.dtype);
      created.push(dataId);
      cpuInputs[k] = { dataId, shape: t.shape, dtype: t.dtype };
    }
    try {
      const res = cpuFunc({ inputs: cpuInputs, attrs, backend: cpu as unknown as tfjs.KernelBackend });
      const list = Array.isArray(res) ? res : [res];
      const outs = list.map((o) => {
        const made = wasm.makeOutput(o.shape, o.dtype, undefined, cpu.readSync(o.dataId));
        cpu.disposeData(o.dataId, true);
        return made;
      });
      return Array.isArray(res) ? outs : (outs[0] as tfjs.TensorInfo);
    } finally {
      for (const id of created) cpu.disposeData(id, true);
    }
  };
}
