import { describe, expect, it } from 'vitest';
import { injectParameters, INJECTED_TAG, readParameterSpecs, resolveParams } from '../../src/notebook';
import { makeNotebook } from '../helpers/notebooks';

const nb = makeNotebook([
  { md: '# t' },
  {
    code: '// defaults\nlet rows = 200;\nconst seed: number = 7;\nlet name = \'btc\';\nlet quick = true;\nlet chains = ["near", "eth"];\nlet cfg = {"a": 1};',
    tags: ['parameters'],
  },
  { code: 'console.log(rows);' },
]);

describe('readParameterSpecs', () => {
  it('reads names, keywords, kinds and defaults from the parameters cell', () => {
    const specs = readParameterSpecs(nb, 'nb');
    expect(specs.map((s) => [s.name, s.keyword, s.kind, s.defaultValue])).toEqual([
      ['rows', 'let', 'number', 200],
      ['seed', 'const', 'number', 7],
      ['name', 'let', 'string', 'btc'],
      ['quick', 'let', 'boolean', true],
      ['chains', 'let', 'array', ['near', 'eth']],
      ['cfg', 'let', 'object', { a: 1 }],
    ]);
  });

  it('names the line when the parameters cell holds something other than literal declarations', () => {
    const bad = makeNotebook([{ code: 'let a = 1;\nlet b = compute();', tags: ['parameters'] }]);
    expect(() => readParameterSpecs(bad, 'x.ipynb')).toThrow(
      /x\.ipynb: parameters cell, line 2: "let b = compute\(\);"/,
    );
  });

  it('refuses two parameters cells', () => {
    const two = makeNotebook([
      { code: 'let a = 1;', tags: ['parameters'] },
      { code: 'let b = 1;', tags: ['parameters'] },
    ]);
    expect(() => readParameterSpecs(two, 'x')).toThrow(/2 cells tagged "parameters"/);
  });
});

describe('resolveParams', () => {
  const specs = readParameterSpecs(nb, 'nb');
  it('coerces values to the type of each default', () => {
    const v = resolveParams(
      specs,
      ['rows=50', 'name=eth', 'quick=false', 'chains=["a"]', 'cfg={"b":2}', 'seed=-3.5'],
      'nb',
    );
    expect(Object.fromEntries(v)).toEqual({
      rows: 50,
      name: 'eth',
      quick: false,
      chains: ['a'],
      cfg: { b: 2 },
      seed: -3.5,
    });
  });
  it('keeps "=" inside values', () => {
    expect(resolveParams(specs, ['name=a=b'], 'nb').get('name')).toBe('a=b');
  });
  it('rejects unknown names, listing the known ones', () => {
    expect(() => resolveParams(specs, ['row=5'], 'nb.ipynb')).toThrow(
      'unknown parameter "row" for nb.ipynb; known parameters: rows, seed, name, quick, chains, cfg',
    );
  });
  it('rejects values of the wrong type', () => {
    expect(() => resolveParams(specs, ['rows=abc'], 'nb')).toThrow(
      'parameter rows expects a number (default 200), got "abc"',
    );
    expect(() => resolveParams(specs, ['rows='], 'nb')).toThrow(/expects a number/);
    expect(() => resolveParams(specs, ['quick=maybe'], 'nb')).toThrow(/quick expects a boolean/);
    expect(() => resolveParams(specs, ['chains={"a":1}'], 'nb')).toThrow(/chains expects a array/);
    expect(() => resolveParams(specs, ['cfg=[1]'], 'nb')).toThrow(/cfg expects a object/);
  });
  it('rejects malformed and repeated pairs', () => {
    expect(() => resolveParams(specs, ['rows'], 'nb')).toThrow('--param "rows" is not key=value');
    expect(() => resolveParams(specs, ['rows=1', 'rows=2'], 'nb')).toThrow('parameter rows is given twice');
  });
});

describe('injectParameters', () => {
  const specs = readParameterSpecs(nb, 'nb');
  it('inserts a re-declaring cell right after the parameters cell, with the same keywords', () => {
    const out = injectParameters(nb, specs, resolveParams(specs, ['seed=9', 'name=it\'s "q"'], 'nb'));
    expect(out.cells).toHaveLength(4);
    const injected = out.cells[2];
    expect(injected?.metadata).toEqual({ tags: [INJECTED_TAG] });
    expect(injected?.source).toBe(
      '// Parameters injected by `workbench notebook run`\nconst seed = 9;\nlet name = "it\'s \\"q\\"";',
    );
    expect(nb.cells).toHaveLength(3); // input untouched
  });
  it('replaces an earlier injection instead of stacking them', () => {
    const once = injectParameters(nb, specs, resolveParams(specs, ['rows=1'], 'nb'));
    const twice = injectParameters(once, specs, resolveParams(specs, ['rows=2'], 'nb'));
    const injected = twice.cells.filter((c) => (c.metadata.tags as string[] | undefined)?.includes(INJECTED_TAG));
    expect(injected).toHaveLength(1);
    expect(injected[0]?.source).toContain('let rows = 2;');
  });
  it('adds nothing when no value is given', () => {
    expect(injectParameters(nb, specs, new Map()).cells).toHaveLength(3);
  });
});
