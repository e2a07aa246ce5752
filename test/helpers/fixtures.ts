import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/fixtures beside the checkout (real data samples; read, never copied). */
export const FIXTURES = join(__dirname, '../../../shared/fixtures');

export function fixture(...parts: string[]): string {
  const p = join(FIXTURES, ...parts);
  if (!existsSync(p)) throw new Error(`fixture ${p} is missing: the tests expect ../shared/fixtures beside the checkout`);
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
