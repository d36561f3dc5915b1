#!/usr/bin/env bash
# scripts/setup.sh — install what building and testing nnplay needs; fast when it is all there.
#
#   Debian packages: a C toolchain, cmake, pkg-config, emscripten, chromium, libcmocka-dev,
#                    libcjson-dev, clang-14 + libclang-rt-14-dev (libFuzzer and the sanitizer
#                    runtimes, for scripts/fuzz.sh) (and nodejs/npm, python3 only if there is no
#                    node/python3 yet)
#   npm:             `npm ci` when node_modules is missing or differs from package-lock.json
#
# Works as root (CI) or through sudo. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'setup: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
packages=(cmake pkg-config emscripten chromium libcmocka-dev libcjson-dev clang-14 libclang-rt-14-dev)
# A C toolchain may already be there without the build-essential metapackage.
command -v gcc >/dev/null && command -v make >/dev/null && [ -e /usr/include/stdio.h ] \
  || packages+=(build-essential)
# Node 20+ may come from NodeSource rather than Debian: only install Debian's if there is none.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
command -v python3 >/dev/null || packages+=(python3)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    log "missing Debian packages: ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

# --- npm -------------------------------------------------------------------------------------
# npm ci writes node_modules/.package-lock.json: the lockfile's packages without the root entry.
# Equal package maps mean node_modules is what package-lock.json pins.
lock_matches() {
  [ -f node_modules/.package-lock.json ] || return 1
  node -e '
    const fs = require("fs");
    const read = (f) => JSON.parse(fs.readFileSync(f, "utf8")).packages || {};
    const want = read("package-lock.json"), have = read("node_modules/.package-lock.json");
    delete want[""];
    // Optional packages for other platforms (esbuild'"'"'s @esbuild/*) are never installed here.
    for (const k of Object.keys(want)) if (want[k].optional && !have[k]) delete want[k];
    const norm = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k].version, o[k].integrity]));
    process.exit(norm(want) === norm(have) ? 0 : 1);
  '
}
if lock_matches; then
  log "node_modules up to date"
else
  log "npm ci"
  npm ci --no-audit --no-fund
fi
