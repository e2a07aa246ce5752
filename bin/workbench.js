#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so src/ stays the single source (tslab compiles the same files).
'use strict';
require('tsx/cjs');
require('../src/cli/main.ts')
  .main(process.argv)
  .then((code) => { process.exitCode = code; });
