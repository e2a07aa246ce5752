import { loadFeatureSet, type BlockName } from '../maya';

/**
 * The rows of one block of a Maya features folder as named columns, for `workbench drift
 * --maya-features`: categorical columns as their token ids (strings), numeric columns as the
 * scaled values the model sees, null where the mask says the value is missing.
 */
export function featureBlockRows(dir: string, block: BlockName): Record<string, string | number | null>[] {
  const set = loadFeatureSet(dir);
  const a = set.artifacts;
  const { start, end } = a.split.blocks[block];
  const cat = a.fields.filter((f) => f.matrix === 'cat');
  const num = a.fields.filter((f) => f.matrix === 'num');
  const rows: Record<string, string | number | null>[] = [];
  for (let i = start; i < end; i++) {
    const row: Record<string, string | number | null> = {};
    for (const f of cat) row[f.name] = String(set.cat[i * a.catWidth + f.column]);
    for (const f of num)
      row[f.name] = set.mask[i * a.numWidth + f.column] ? (set.num[i * a.numWidth + f.column] as number) : null;
    rows.push(row);
  }
  return rows;
}
