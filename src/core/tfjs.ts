import type * as tfjs from '@tensorflow/tfjs';
import { packageVersion } from './versions';

export type Tf = typeof tfjs;
export type BackendPreference = 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';

export interface TfjsBackendInfo {
  /** tfjs backend name as tf.getBackend() reports it: tensorflow, wasm or cpu. */
  backend: string;
  /** Package that provides it, e.g. @tensorflow/tfjs-node-gpu. */
  package: string;
  version: string;
  /** Why faster choices were skipped (not installed, failed to load). */
  skipped: string[];
}

// Optional peer dependencies: loaded by name at run time so the workbench installs without them.
const NATIVE = [
  { pref: 'node-gpu', pkg: '@tensorflow/tfjs-node-gpu' },
  { pref: 'node', pkg: '@tensorflow/tfjs-node' },
] as const;

function tryRequire(pkg: string): { mod?: Tf; error?: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { mod: require(pkg) as Tf };
  } catch (e) {
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    return { error: msg.includes('Cannot find module') ? 'not installed' : msg };
  }
}

let loaded: { tf: Tf; info: TfjsBackendInfo } | undefined;

/**
 * Loads TensorFlow.js on the fastest backend available: tfjs-node-gpu, tfjs-node (when the user
 * installed them), then wasm, then cpu. The choice is made once per process.
 */
export async function loadTfjs(pref: BackendPreference = 'auto'): Promise<{ tf: Tf; info: TfjsBackendInfo }> {
  if (loaded) return loaded;
  const skipped: string[] = [];
  for (const n of NATIVE) {
    if (pref !== 'auto' && pref !== n.pref) continue;
    const { mod, error } = tryRequire(n.pkg);
    if (mod) {
      await mod.ready();
      loaded = {
        tf: mod,
        info: { backend: mod.getBackend(), package: n.pkg, version: packageVersion(n.pkg) ?? 'unknown', skipped },
      };
      return loaded;
    }
    skipped.push(`${n.pkg}: ${error}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require('@tensorflow/tfjs') as Tf;
  const version = tf.version.tfjs;
  if (pref === 'auto' || pref === 'wasm') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        loaded = { tf, info: { backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', version, skipped } };
        return loaded;
      }
      skipped.push('@tensorflow/tfjs-backend-wasm: setBackend returned false');
    } catch (e) {
      skipped.push(`@tensorflow/tfjs-backend-wasm: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  loaded = { tf, info: { backend: 'cpu', package: '@tensorflow/tfjs', version, skipped } };
  return loaded;
}
