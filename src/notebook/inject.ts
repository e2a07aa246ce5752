import { cellTags, type Cell, type Notebook } from './nbformat';
import { parametersCellIndex, type ParamSpec, type ParamValue } from './params';

export const INJECTED_TAG = 'injected-parameters';

/**
 * Papermill's convention: a cell tagged `injected-parameters` right after the `parameters` cell
 * re-declares the given values (tslab accepts re-declaration). A previous injection is replaced.
 * Returns a new notebook; the input is not modified.
 */
export function injectParameters(nb: Notebook, specs: ParamSpec[], values: Map<string, ParamValue>): Notebook {
  const cells = nb.cells.filter((c) => !cellTags(c).includes(INJECTED_TAG));
  const copy: Notebook = { ...nb, cells };
  if (values.size === 0) return copy;
  const at = parametersCellIndex(copy);
  const lines = ['// Parameters injected by `workbench notebook run`'];
  for (const spec of specs) {
    if (values.has(spec.name)) lines.push(`${spec.keyword} ${spec.name} = ${JSON.stringify(values.get(spec.name))};`);
  }
  const injected: Cell = {
    cell_type: 'code',
    id: INJECTED_TAG,
    metadata: { tags: [INJECTED_TAG] },
    source: lines.join('\n'),
    outputs: [],
    execution_count: null,
  };
  cells.splice(at + 1, 0, injected);
  return copy;
}
