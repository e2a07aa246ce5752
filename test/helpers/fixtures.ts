import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real data samples copied into the repository: test-only ones under test/fixtures, the product's under data/fixtures. */
export const FIXTURES = join(__dirname, '../fixtures');
export const DATA_FIXTURES = join(__dirname, '../../data/fixtures');
const PRODUCT = new Set(['cortex', 'prices', 'sentiment']);

export function fixture(...parts: string[]): string {
  const p = join(PRODUCT.has(parts[0] ?? '') ? DATA_FIXTURES : FIXTURES, ...parts);
  if (!existsSync(p))
    throw new Error(`fixture ${p} is missing (see test/fixtures/README.md and data/fixtures/README.md)`);
  return p;
}

export function readFixtureJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(fixture(...parts), 'utf8'));
}

/** Every recorded /v2/actions page: [file name, parsed body]. */
export function actionPages(): [string, { actions: unknown[]; meta?: unknown }][] {
  const dir = fixture('midgard');
  return readdirSync(dir)
    .filter((f) => f.includes('actions'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as { actions: unknown[] }]);
}
