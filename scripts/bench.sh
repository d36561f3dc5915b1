#!/usr/bin/env bash
# scripts/bench.sh — how fast the engine is: native against wasm (Node), then the page.
#
#   bash scripts/bench.sh
#
# 1. For the dev01 and dev04 fixtures: ms per training epoch and per 100×100 grid, natively
#    (build/native/nnplay-bench, scripts/bench/bench_native.c) and for the wasm engine under Node
#    (scripts/bench/bench_wasm.mjs, timed the same way), side by side with wasm/native ratios.
# 2. Hook: every other scripts/bench/bench_*.mjs is a further section, run in name order with no
#    arguments (bench_page.mjs: the page in headless Chromium). A section prints its own report.
#
# Sets up and builds first (fast when up to date). BENCH_RUNS (default 7) sets the runs per case.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh >/dev/null
bash scripts/build.sh >/dev/null

fixtures=${NN_FIXTURES_DIR:-tests/fixtures/tfp}
runs=${BENCH_RUNS:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '== engine: native (gcc -O3) against wasm (emcc: -Oz, network.c -O1, grid.c -O3, SIMD; Node %s)\n' "$(node --version)"
for name in dev01-circle-tanh-4x2-default dev04-spiral-tanh-6x8-allfeatures; do
  build/native/nnplay-bench --fixture "$fixtures/$name.json" --runs "$runs" >>"$tmp/native.jsonl"
  node scripts/bench/bench_wasm.mjs --fixture "$fixtures/$name.json" --runs "$runs" \
    --engine-dir dist/engine >>"$tmp/wasm.jsonl"
done
node scripts/bench/table.mjs "$tmp/native.jsonl" "$tmp/wasm.jsonl"

for section in scripts/bench/bench_*.mjs; do
  [ "$(basename "$section")" = bench_wasm.mjs ] && continue
  printf '\n== %s\n' "$section"
  node "$section"
done
