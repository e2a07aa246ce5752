import { describe, expect, it } from 'vitest';
import {
  ChainDayFieldsSchema,
  DERIVED_FIELDS,
  definitionsMarkdown,
  METRIC_DEFINITIONS,
  noteFor,
  RAW_FIELDS,
  unitFor,
} from '../../../src/chain/metrics';

const IDENTITY = ['chain', 'date', 'source', 'missing', 'nativeUnit', 'regime', 'regimeReason'];

describe('metric definitions', () => {
  it('define every metric of a ChainDay exactly once, and nothing else', () => {
    const names = METRIC_DEFINITIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...RAW_FIELDS, ...DERIVED_FIELDS].sort());
    const schemaKeys = Object.keys(ChainDayFieldsSchema.shape).filter((k) => !IDENTITY.includes(k));
    expect([...schemaKeys].sort()).toEqual([...names].sort());
    for (const d of METRIC_DEFINITIONS) {
      expect(d.unit, d.name).not.toBe('');
      expect(d.formula, d.name).not.toBe('');
      for (const f of ['bitcoin', 'evm', 'near', 'midgard'] as const)
        expect(d.notes[f] ?? d.notes.all, `${d.name} ${f}`).toBeTruthy();
    }
  });

  it('resolve native units and per-chain meanings', () => {
    expect(unitFor('feesNative', 'near')).toBe('NEAR/day');
    expect(unitFor('transferredNative', 'maya')).toBe('CACAO/day');
    expect(unitFor('valuePerTxNative', 'polygon')).toBe('POL/transaction');
    expect(unitFor('txGrowth7dFrac', 'bitcoin')).toBe('fraction (0.1 = +10%)');
    expect(noteFor('gasUsed', 'bitcoin')).toMatch(/not defined/);
    expect(noteFor('feesNative', 'near')).toMatch(/1e24/);
    expect(noteFor('transactions', 'thorchain')).toMatch(/swaps/);
  });

  it('render as one Markdown table', () => {
    const md = definitionsMarkdown().split('\n');
    expect(md).toHaveLength(2 + METRIC_DEFINITIONS.length);
    expect(md[0]).toBe('| metric | unit | formula | bitcoin | evm | near | midgard |');
  });
});
