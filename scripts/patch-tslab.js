#!/usr/bin/env node
// Three changes to tslab 1.0.22. The first two make the kernel compile and load src/ exactly as
// tsc and Node do:
//  1. It compiles without `strict`. Without strictNullChecks zod infers every property as
//     optional and discriminated unions stop narrowing, so strict src/ fails in the kernel.
//  2. It resolves a local import only as FILE.js, so `import ... from './src/core'` (a folder
//     with index.ts) fails at run time; it now falls back to FOLDER/index.js as Node does.
//  3. Each cell type-checks every src/ file it imports, a third of a notebook's CPU time. With
//     WORKBENCH_TSLAB_CHECK_CELLS_ONLY=1 (set by the tests and the demo, whose `npm test` runs
//     tsc over src/ anyway) only the cell itself is checked; unset, nothing changes.
// Idempotent (each patch is recognised by the text it adds); refuses other tslab versions.

const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', 'node_modules', 'tslab');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
if (version !== '1.0.22') {
  console.error(`patch-tslab: expected tslab 1.0.22, found ${version}; check that the patch still applies`);
  process.exit(1);
}
const patches = [
  {
    file: path.join(root, 'dist', 'converter.js'),
    anchor: '        esModuleInterop: true,\n',
    add: '        strict: true, // workbench patch\n',
  },
  {
    file: path.join(root, 'dist', 'executor.js'),
    anchor: '            filename += ".js";\n',
    replace:
      '            filename = sideOutputs.has(filename + ".js") ? filename + ".js" : path_1.default.join(filename, "index.js"); // workbench patch\n',
  },
  {
    file: path.join(root, 'dist', 'converter.js'),
    anchor: 'function getPreEmitDiagnosticsWithDependencies(builder, sourceFile) {\n    const files = [sourceFile];\n',
    add: '    if (process.env.WORKBENCH_TSLAB_CHECK_CELLS_ONLY === "1") return ts.getPreEmitDiagnosticsOfFiles(builder.getProgram(), files); // workbench patch: cells only\n',
  },
];
for (const p of patches) {
  const src = fs.readFileSync(p.file, 'utf8');
  if (src.includes(p.add ?? p.replace)) continue;
  if (!src.includes(p.anchor)) {
    console.error(`patch-tslab: anchor not found in ${p.file}`);
    process.exit(1);
  }
  fs.writeFileSync(p.file, src.replace(p.anchor, p.replace ?? `${p.anchor}${p.add}`));
  console.error(`patch-tslab: patched ${path.relative(root, p.file)}`);
}
