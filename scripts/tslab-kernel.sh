#!/bin/sh
# The tslab kernel as registered in .jupyter/: always started at the repository root, because
# tslab compiles only files under its working directory (rootDir = cwd). Notebooks therefore
# import './src/...' and read files relative to the root, in Jupyter and in `workbench notebook run`.
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
exec "$root/node_modules/.bin/tslab" "$@"
