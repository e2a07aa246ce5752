/**
 * Shared-memory protocol between the main thread and the split-inference worker (split-infer.ts,
 * split-worker.ts). The main thread blocks in Atomics.wait for the worker's half (Node allows it on
 * the main thread), so one prediction stays a synchronous call.
 */
export const SEQ = 0; // request number, bumped by the main thread
export const DONE = 1; // request number the worker finished
export const OP = 2;
export const LAYER = 3;
export const ROWS = 4; // rows of x
export const LAST = 5; // 1: attention for the last query only
export const BIAS_T = 6; // T of the attention bias in `bias`, 0: none
export const FAILED = 7; // 1: the worker failed (its message follows on the port)
export const CTRL_SLOTS = 8;

export const OP_ATTENTION = 1;
export const OP_FFN = 2;
export const OP_STOP = 3;

export interface SplitBuffers {
  ctrl: SharedArrayBuffer;
  /** Float32 [seqLen · dModel]: the sublayer's input rows. */
  x: SharedArrayBuffer;
  /** Float32 [seqLen · seqLen]: the additive attention bias of the window. */
  bias: SharedArrayBuffer;
  /** Float32 [seqLen · dModel]: the worker's partial output. */
  out: SharedArrayBuffer;
}

export function splitBuffers(seqLen: number, dModel: number): SplitBuffers {
  return {
    ctrl: new SharedArrayBuffer(CTRL_SLOTS * 4),
    x: new SharedArrayBuffer(seqLen * dModel * 4),
    bias: new SharedArrayBuffer(seqLen * seqLen * 4),
    out: new SharedArrayBuffer(seqLen * dModel * 4),
  };
}

/**
 * Waits until ctrl[slot] !== value: spins for up to `spinMs` first (waking a sleeping thread costs
 * tens of microseconds, and a prediction waits 2 × layers times), then sleeps in Atomics.wait.
 * Returns false if `timeoutMs` passed without a change.
 */
export function waitChange(ctrl: Int32Array, slot: number, value: number, spinMs: number, timeoutMs: number): boolean {
  const t0 = performance.now();
  while (performance.now() - t0 < spinMs) if (Atomics.load(ctrl, slot) !== value) return true;
  for (;;) {
    if (Atomics.load(ctrl, slot) !== value) return true;
    if (performance.now() - t0 > timeoutMs) return false;
    Atomics.wait(ctrl, slot, value, 1000);
  }
}
