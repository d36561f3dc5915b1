#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] — build the libFuzzer harnesses (tests/fuzz/fuzz_*.c, preset fuzz,
# clang) and run each one for SECONDS (default 300), one after another.
#
#   build/fuzz/seeds/<harness>/    the seed corpus, written afresh from the fixtures each run
#   build/fuzz/corpus/<harness>/   the corpus libFuzzer grows; kept from run to run
#   build/fuzz/crashes/<harness>/  what a harness found: crash-*, leak-*, timeout-*, oom-*
#                                  (replay one: build/fuzz/tests/fuzz/<harness> FILE; once
#                                  fixed, commit it to tests/fuzz/regressions/<harness>/)
#   build/fuzz/logs/<harness>.log  libFuzzer's whole output
#   tests/fuzz/dicts/<harness>.dict  the harness's dictionary, when there is one
#
# First replays the regression inputs through the instrumented build (ctest --preset fuzz).
# Prints one line per harness (runs, exec/s, seconds, verdict) and exits 1 if a regression failed
# or a harness found a crash, a leak, a sanitizer report or a timeout. FUZZ_HARNESSES (names,
# space-separated) runs only those. Expects scripts/setup.sh to have run (clang-14,
# libclang-rt-14-dev).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

seconds=${1:-300}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2; }
jobs=${JOBS:-$(nproc)}
out=build/fuzz

cmake --preset fuzz >/dev/null && cmake --build "$out" -j "$jobs" >/dev/null || {
  echo "fuzz: the build failed (cmake --build $out)" >&2
  exit 1
}
ctest --preset fuzz -j "$jobs" || exit 1

if [ -n "${FUZZ_HARNESSES:-}" ]; then
  read -ra harnesses <<<"$FUZZ_HARNESSES"
else
  harnesses=()
  for src in tests/fuzz/fuzz_*.c; do harnesses+=("$(basename "$src" .c)"); done
fi

passed=0 failed=0
for h in "${harnesses[@]}"; do
  bin=$out/tests/fuzz/$h
  mkdir -p "$out/corpus/$h" "$out/crashes/$h" "$out/logs"
  rm -rf "$out/seeds/$h" && mkdir -p "$out/seeds/$h"
  "$bin"_replay --write-seeds "$out/seeds/$h" >/dev/null || { failed=$((failed + 1)); continue; }
  corpora=("$out/corpus/$h" "$out/seeds/$h")
  [ -d "tests/fuzz/regressions/$h" ] && corpora+=("tests/fuzz/regressions/$h")
  options=()
  [ -f "tests/fuzz/dicts/$h.dict" ] && options+=(-dict="tests/fuzz/dicts/$h.dict")

  log=$out/logs/$h.log
  printf '\n== fuzz %s: %s s\n' "$h" "$seconds"
  # -timeout: an input that takes 10 s is a finding (a hang); ASan's leak check is on.
  "$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$h/" "${options[@]}" "${corpora[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)
  verdict=ok
  if [ "$rc" -ne 0 ] || grep -qE '^(==[0-9]+==ERROR|SUMMARY: |.*runtime error: )' "$log"; then
    verdict="FOUND SOMETHING (exit $rc): see $log and $out/crashes/$h/"
    grep -E 'ERROR|SUMMARY|runtime error|invariant broken|artifact_prefix|Test unit written' "$log" | head -20
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  printf '%s: %s runs, %s exec/s, %s s: %s\n' "$h" "${runs:-?}" "${rate:-?}" "$seconds" "$verdict"
done

printf '\nfuzz: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
