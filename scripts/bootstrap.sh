#!/usr/bin/env bash
# Installs what `npm run demo` / `npm test` need on a fresh Debian machine, and nothing twice:
#   node_modules (npm ci), Debian's Jupyter (nbconvert, ipykernel, jupyter-client), the tslab
#   kernel registered inside this repo (.jupyter/, found through JUPYTER_PATH), and with --test
#   Debian's chromium (browser tests) and openssh-server (the SSH launcher's test server).
#   Without root it prints the command to run and fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[bootstrap] %s\n' "$*" >&2; }

# 1. Node >= 20.19 (require(esm) and the engines field).
node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  if (a < 20 || (a === 20 && b < 19)) { console.error("[bootstrap] Node " + process.versions.node + " found; Node >= 20.19 is required."); process.exit(1); }
'

# 2. node_modules, reinstalled when package-lock.json changed since the last install.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f node_modules/.workbench-lock-hash ] || [ "$(cat node_modules/.workbench-lock-hash)" != "$lock_hash" ]; then
  say "installing node_modules (npm ci)"
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > node_modules/.workbench-lock-hash
fi

# tslab must compile src/ strictly, like tsc does (idempotent; see the script).
node scripts/patch-tslab.js

# 3. Debian packages.
pkgs=(jupyter-nbconvert python3-ipykernel jupyter-client)
# The tests drive headless chromium, and a real OpenSSH server on localhost for the SSH launcher.
[ "$want_test" = 1 ] && pkgs+=(chromium openssh-server openssh-client)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    bash -c "$cmd" >&2
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    say "installing Debian packages with sudo: ${missing[*]}"
    sudo bash -c "$cmd" >&2
  else
    say "missing Debian packages: ${missing[*]}"
    say "run as root, then re-run this command:"
    printf '  sudo bash -c "%s"\n' "$cmd" >&2
    exit 1
  fi
fi

# 4. The tslab kernel, registered under .jupyter/ (never in the user's global Jupyter), started
#    through scripts/tslab-kernel.sh so it always runs at the repo root.
kernel_json=".jupyter/share/jupyter/kernels/tslab/kernel.json"
kernel_bin="$root/scripts/tslab-kernel.sh"
if [ ! -f "$kernel_json" ] || ! grep -qF "\"$kernel_bin\"" "$kernel_json"; then
  say "registering the tslab kernel in $root/.jupyter"
  "$root/node_modules/.bin/tslab" install --python=/usr/bin/python3 --binary="$kernel_bin" --prefix="$root/.jupyter" >&2
fi
