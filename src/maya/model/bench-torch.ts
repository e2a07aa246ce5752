import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { z } from 'zod';
import { repoPath } from '../../core/paths';
import { benchModel, type ModelBenchResult } from './bench';

/** What bench/torch_ref.py prints with --json (the fields we use; others are kept out). */
const TorchRefSchema = z.object({
  ms_per_step: z.number(),
  sequences_per_s: z.number(),
  params: z.number(),
  threads: z.number(),
  torch: z.string(),
});
export type TorchRef = z.infer<typeof TorchRefSchema>;

/**
 * The PyTorch reference step time of the s25_l6 architecture (bench/torch_ref.py: one thread,
 * 1,026 address ids = 1,024 buckets + PAD/UNKNOWN, as our features), or why there is none
 * (Debian python3-torch not installed).
 */
export function torchReference(
  o: { steps?: number; batch?: number } = {},
): { ok: true; ref: TorchRef } | { ok: false; reason: string } {
  const args = [
    repoPath('bench/torch_ref.py'),
    '--threads',
    '1',
    '--addr-vocab',
    '1026',
    '--batch',
    String(o.batch ?? 128),
    '--steps',
    String(o.steps ?? 5),
    '--warmup',
    '1',
    '--json',
  ];
  // Debian's python3-torch lives in the system interpreter; a pyenv/venv python3 on PATH would not see it.
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 600_000 });
  if (r.error) return { ok: false, reason: `python3 did not run: ${r.error.message}` };
  if (r.status !== 0)
    return {
      ok: false,
      reason: /No module named .?torch/.test(r.stderr)
        ? 'PyTorch is not installed (Debian: apt-get install python3-torch)'
        : `torch_ref.py exited ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`,
    };
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ok: true, ref: TorchRefSchema.parse(JSON.parse(line)) };
  } catch (e) {
    return {
      ok: false,
      reason: `torch_ref.py printed no readable JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/**
 * Ours (one thread, then two data-parallel workers) and PyTorch's s25_l6 step side by side:
 * PyTorch, ours, PyTorch again (the machine is shared, so each side's figure is bracketed).
 * ratio (per entry of ours) = our wall ms per step / PyTorch's mean; ours also carry CPU ms per
 * step; load = the 1-minute load average before and after (other work inflates wall times).
 */
export async function benchAgainstTorch(o: { steps?: number; batch?: number; workers?: number[] } = {}): Promise<{
  ours: ModelBenchResult[];
  torch: TorchRef[] | null;
  torchMissing: string | null;
  ratio: number[] | null;
  load: number[];
}> {
  const load = [loadavg()[0] as number];
  const first = torchReference(o);
  const ours: ModelBenchResult[] = [];
  for (const workers of o.workers ?? [1, 2])
    ours.push(await benchModel('s25_l6', { steps: o.steps ?? 5, batch: o.batch ?? 128, backend: 'wasm', workers }));
  if (!first.ok) return { ours, torch: null, torchMissing: first.reason, ratio: null, load };
  const second = torchReference(o);
  load.push(loadavg()[0] as number);
  const refs = second.ok ? [first.ref, second.ref] : [first.ref];
  const torchMs = refs.reduce((s, r) => s + r.ms_per_step, 0) / refs.length;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { ours, torch: refs, torchMissing: null, ratio: ours.map((x) => r2(x.msPerStep / torchMs)), load };
}
