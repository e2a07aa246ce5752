#!/usr/bin/env node
// @duckdb/node-bindings picks its native binary through one optional package per platform.
// This workplace's registry serves only the linux-x64 ones, so `npm install` leaves the others
// out of package-lock.json and `npm ci` then refuses the lock ("Missing: ... from lock file").
// This adds lock entries for the missing platform packages, marked optional with their os/cpu,
// so npm ci skips them on this platform without fetching anything. Run after `npm install`.

const fs = require('fs');
const path = require('path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const PLATFORM = /-(darwin|linux|win32)-(x64|arm64)(-musl)?$/;
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies || {})) {
    const m = PLATFORM.exec(dep);
    const depKey = `node_modules/${dep}`;
    if (!m || lock.packages[depKey]) continue;
    const stub = { version, cpu: [m[2]], optional: true, os: [m[1]] };
    if (m[1] === 'linux') stub.libc = [m[3] ? 'musl' : 'glibc'];
    lock.packages[depKey] = stub;
    added++;
    console.error(`fix-lock-platforms: ${key} -> ${dep}@${version} (${m[1]}/${m[2]}${m[3] || ''})`);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.error(`fix-lock-platforms: ${added} entr${added === 1 ? 'y' : 'ies'} added`);
