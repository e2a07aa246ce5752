import { existsSync } from 'node:fs';
import { WorkbenchError } from '../../core/errors';
import { MidgardStore, type MidgardAction } from '../../midgard';
import { loadFeatureSet, type BlockName, type FeatureArtifacts, type FeatureSet } from '../features';
import { ActionsHasher } from '../features/data-hash';
import type { ModelManifest } from '../model';

/**
 * The feature set a model was trained on: `data` when given, else the folder its manifest
 * recorded. The data sha256 must match the manifest, so a model is never scored on data whose
 * split (and therefore whose test block) differs from the one it was trained against.
 */
export function modelFeatureSet(manifest: ModelManifest, data?: string): FeatureSet {
  const dir = data ?? manifest.features.dir;
  if (!dir)
    throw new WorkbenchError(
      'the model manifest records no features folder',
      'pass --data <features dir> (the folder `workbench maya features` wrote)',
    );
  if (!existsSync(dir))
    throw new WorkbenchError(
      `features folder ${dir} does not exist`,
      'pass --data <features dir>, or rebuild it with `workbench maya features`',
    );
  return loadFeatureSet(dir, { dataSha256: manifest.features.dataSha256 });
}

/**
 * The raw actions of one block, read from the store the features were built from. The whole
 * stream is hashed on the way, so the actions are exactly the ones the model's split saw.
 */
export async function blockActions(
  storePath: string,
  chain: string,
  artifacts: FeatureArtifacts,
  block: BlockName,
): Promise<MidgardAction[]> {
  return (await blocksActions(storePath, chain, artifacts, [block]))[block] ?? [];
}

/** Several blocks in one pass over the store (same checks as `blockActions`). */
export async function blocksActions(
  storePath: string,
  chain: string,
  artifacts: FeatureArtifacts,
  blocks: readonly BlockName[],
): Promise<Partial<Record<BlockName, MidgardAction[]>>> {
  if (!existsSync(storePath))
    throw new WorkbenchError(
      `store ${storePath} does not exist`,
      'pass --store <the DuckDB store the features were built from>',
    );
  const ranges = blocks.map((b) => ({ b, ...artifacts.split.blocks[b], out: [] as MidgardAction[] }));
  const hasher = new ActionsHasher();
  const store = await MidgardStore.open(storePath);
  try {
    for await (const a of store.actions({ chain })) {
      for (const r of ranges) if (hasher.count >= r.start && hasher.count < r.end) r.out.push(a);
      hasher.add(a);
    }
  } finally {
    await store.close();
  }
  if (hasher.count !== artifacts.data.actions || hasher.digest() !== artifacts.data.sha256) {
    throw new WorkbenchError(
      `${storePath} (chain ${chain}, ${hasher.count} actions) is not the data the model's features were built from (${artifacts.data.actions} actions, sha256 ${artifacts.data.sha256.slice(0, 12)}…)`,
      'point --store/--chain at the store `workbench maya features` read, or rebuild features and retrain',
    );
  }
  return Object.fromEntries(ranges.map((r) => [r.b, r.out]));
}
