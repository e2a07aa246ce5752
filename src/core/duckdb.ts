import type * as duckdb from '@duckdb/node-api';

export type DuckDbModule = typeof duckdb;

let loaded: DuckDbModule | undefined;

/**
 * @duckdb/node-api loads a native library of tens of MB: load it when a database is opened, not
 * when a stage's index is imported (importing src/chain or src/midgard must stay cheap).
 */
export function loadDuckDb(): DuckDbModule {
  // biome-ignore lint/style/noCommonJs: a deliberate lazy load; CommonJS is what src/ compiles to.
  loaded ??= require('@duckdb/node-api') as DuckDbModule;
  return loaded;
}
