#!/usr/bin/env bash
# scripts/build.sh — build everything and assemble dist/, the static site.
#
#   build/native   preset native: the core library, the nnplay CLI, the cmocka tests
#   build/wasm     preset wasm:   wasm-bindings/ -> nnplay-wasm.js (emcc) + engine.js
#   dist/          plain static files any host can serve:
#                    web/* (but tsconfig.json)   the page
#                    engine/engine.js            the JS API, importing ./nnplay-wasm.js
#                    engine/nnplay-wasm.js       the emcc module, wasm inlined
#                    vendor/uPlot.esm.js, vendor/uPlot.min.css
#
# Expects scripts/setup.sh to have run. JOBS (default: number of cores) sets build parallelism.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=${JOBS:-$(nproc)}
# Debian's emcc runs acorn through node at -O2+ (also set by CMake's linker launcher).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

step() { printf '\n== %s\n' "$*"; }

step "native build (preset native)"
cmake --preset native >/dev/null
cmake --build build/native -j "$jobs"

step "wasm build (preset wasm)"
cmake --preset wasm >/dev/null
cmake --build build/wasm -j "$jobs"

step "assembling dist/"
# Assembled beside, then swapped in, so a failed copy never leaves a half-made dist/.
stage=build/dist.stage
rm -rf "$stage"
mkdir -p "$stage/engine" "$stage/vendor"
cp -R web/. "$stage/"
rm -f "$stage/tsconfig.json" # type checking only, not served
cp build/wasm/wasm-bindings/engine.js build/wasm/wasm-bindings/nnplay-wasm.js "$stage/engine/"
cp node_modules/uplot/dist/uPlot.esm.js node_modules/uplot/dist/uPlot.min.css "$stage/vendor/"
rm -rf dist
mv "$stage" dist
printf 'dist/: %s files, %s\n' "$(find dist -type f | wc -l)" "$(du -sh dist | cut -f1)"
