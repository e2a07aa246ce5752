/**
 * The house's dependency rules (../DESIGN's room table): checked in `npm test` by
 * `depcruise src --config .dependency-cruiser.cjs`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'No cycles between modules (and so none between rooms).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'stages-through-index',
      comment:
        'A stage imports another stage only through its index.ts (core may be reached by path). The benchmark runner alone reaches each stage\'s bench module, which indexes leave out so that importing a stage never loads benchmark code.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/cli/bench\\.ts$' },
      to: { path: '^src/[^/]+/.+', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/core/'] },
    },
    {
      name: 'core-imports-no-stage',
      comment: 'core is what every stage needs once; it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'shared-rooms-import-no-stage',
      comment: 'serve, report and notebook import core (notebook also report), never a stage.',
      severity: 'error',
      from: { path: '^src/(serve|report|notebook)/' },
      to: { path: '^src/', pathNot: ['^src/(core|serve|report)/', '^src/$1/'] },
    },
    {
      name: 'notebook-and-report-not-serve',
      severity: 'error',
      from: { path: '^src/(report|serve)/' },
      to: { path: '^src/(notebook)/' },
    },
    {
      name: 'contract-is-neutral',
      comment: 'The answer contract is shared by traces and rewards; it imports core only.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/', pathNot: ['^src/(core|contract)/'] },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'rewards-are-pure',
      comment:
        'Reward functions score text and rows: core, the answer contract and the chain metrics\' definitions (through its index) only; never traces, calibration or anything that runs a model.',
      severity: 'error',
      from: { path: '^src/rewards/' },
      to: { path: '^src/', pathNot: ['^src/(core|contract|rewards)/', '^src/chain/index\\.ts$'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // trading-signals has only an `exports` field.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(node_modules|test)/' },
  },
};
