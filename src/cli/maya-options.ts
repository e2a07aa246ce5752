import { resolve } from 'node:path';
import { repoPath, type BackendPreference } from '../core';
import { writeReportsIndex } from '../report';
import { oneOf } from './args';

/** Shared by the maya model commands (maya-model.ts, maya-generate.ts). */
export const BACKENDS: BackendPreference[] = ['auto', 'node-gpu', 'node', 'wasm', 'cpu'];
export const backendOption = oneOf(...BACKENDS);

/** Reports written under reports/ are listed in reports/index.html. */
export async function refreshIndexIfUnderReports(dir: string): Promise<void> {
  const root = repoPath('reports');
  if (resolve(dir).startsWith(`${root}/`)) await writeReportsIndex(root);
}

export function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(3);
}
