import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

/** The heavy packages an index must not load just by being imported. */
const HEAVY = ['@duckdb/node-api', '@tensorflow/tfjs', 'openai', 'playwright-core'];

function loadedBy(module: string): string[] {
  const script = `require('tsx/cjs'); require(${JSON.stringify(join(ROOT, module))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const files = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
  return HEAVY.filter((pkg) => files.some((f) => f.includes(`/node_modules/${pkg}/`)));
}

describe('stage indexes are cheap to import', () => {
  // traces, grpo and sentiment need the openai SDK for their LLM client by design.
  const cases: [string, string[]][] = [
    ['src/core/index.ts', []],
    ['src/chain/index.ts', []],
    ['src/midgard/index.ts', []],
    ['src/maya/index.ts', []],
    ['src/report/index.ts', []],
    ['src/rewards/index.ts', []],
    ['src/market/index.ts', []],
    ['src/risk/index.ts', []],
    ['src/arb/index.ts', []],
    ['src/registry/index.ts', []],
    ['src/sentiment/index.ts', ['openai']], // the LLM scorer is the traces client
    ['src/profiles/index.ts', []],
  ];
  for (const [module, allowed] of cases) {
    it(`${module} loads no DuckDB, TensorFlow.js or browser`, () => {
      expect(loadedBy(module).filter((p) => !allowed.includes(p))).toEqual([]);
    });
  }
});
