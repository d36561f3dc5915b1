#!/usr/bin/env bash
# scripts/test.sh — set up, build, and run every test; exits non-zero if any runner fails.
#
#   native   ctest --preset native        cmocka tests + CLI (tests/core)
#   asan     ctest --preset asan          the same under ASan + UBSan
#   wasm     node --test tests/wasm       the engine module under Node, + Chromium (fixtures)
#   browser  node --test tests/browser    the page in Chromium (when tests exist)
#   types    tsc -p tsconfig.json         the page and the engine's JS API type-checked (JSDoc)
#   fuzz     scripts/fuzz.sh 20           every libFuzzer harness (tests/fuzz) for 20 s
#                                         (FUZZ_SECONDS), after replaying its regressions
#
# Each runner's own summary is printed as it finishes, and a table of all of them at the end.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

bash scripts/setup.sh || exit 1
bash scripts/build.sh || exit 1

jobs=${JOBS:-$(nproc)}
logs=build/test-logs
mkdir -p "$logs"
names=() results=() summaries=() failed=0

# run NAME SUMMARY-REGEX COMMAND...: runs, tees to build/test-logs/NAME.log, records the verdict.
run() {
  local name=$1 pattern=$2; shift 2
  printf '\n== %s: %s\n' "$name" "$*"
  local start=$SECONDS rc
  "$@" 2>&1 | tee "$logs/$name.log"
  rc=${PIPESTATUS[0]}
  local summary
  summary=$(grep -E "$pattern" "$logs/$name.log" | sed -E 's/^(# |ℹ )//' | tr -s ' \t' ' ' | paste -sd '|' - | sed 's/|/, /g')
  names+=("$name")
  results+=("$([ "$rc" -eq 0 ] && echo PASS || echo "FAIL (exit $rc)")  $((SECONDS - start))s")
  summaries+=("${summary:-no summary}")
  [ "$rc" -eq 0 ] || failed=1
}

ctest_summary='tests passed|tests failed out of'
node_summary='^(# |ℹ )(tests|pass|fail|cancelled|skipped|todo) '

run native "$ctest_summary" ctest --preset native -j "$jobs"

printf '\n== asan build (preset asan)\n'
if cmake --preset asan >/dev/null && cmake --build build/asan -j "$jobs"; then
  run asan "$ctest_summary" ctest --preset asan -j "$jobs"
else
  names+=(asan) results+=("FAIL (build)") summaries+=("build failed") failed=1
fi

# The Node and Chromium tests load the engine exactly as it ships, from dist/engine/.
export NNPLAY_ENGINE_DIR=$PWD/dist/engine
run wasm "$node_summary" node --test --test-reporter=spec tests/wasm/

if compgen -G 'tests/browser/*.test.*js' >/dev/null; then
  run browser "$node_summary" node --test --test-reporter=spec tests/browser/
else
  names+=(browser) results+=("none") summaries+=("no tests/browser/*.test.js yet")
fi

run types '^type errors: ' bash -c 'out=$(node_modules/.bin/tsc -p tsconfig.json); rc=$?; [ -z "$out" ] || echo "$out"
  echo "type errors: $(grep -c "error TS" <<<"$out")"; exit $rc'
# Fails on any crash, leak, sanitizer report or broken invariant; the summary has exec/s and runs.
run fuzz '^fuzz_[a-z_]+: [0-9?]+ runs' bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"

printf '\n== summary\n'
for i in "${!names[@]}"; do
  printf '%-8s %-22s %s\n' "${names[$i]}" "${results[$i]}" "${summaries[$i]}"
done
[ "$failed" -eq 0 ] && printf 'all test runners passed\n' || printf 'SOME TEST RUNNERS FAILED\n'
exit "$failed"
