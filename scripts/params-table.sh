#!/usr/bin/env bash
# scripts/params-table.sh — rewrite README.md's URL parameter table (between the params:begin and
# params:end markers) from the engine's parameter table (core/params.c), via `nnplay params
# --markdown`. The ctest test_params fails while the two differ. Needs build/native (build.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cli=build/native/nnplay
[ -x "$cli" ] || { echo "params-table: build first (bash scripts/build.sh)" >&2; exit 1; }
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$cli" params --markdown > "$table"
python3 - "$table" <<'PY'
import sys
table = open(sys.argv[1], encoding='utf-8').read()
text = open('README.md', encoding='utf-8').read()
begin = text.index('<!-- params:begin')
start = text.index('\n', begin) + 1
end = text.index('<!-- params:end -->', start)
open('README.md', 'w', encoding='utf-8').write(text[:start] + table + text[end:])
PY
echo "params-table: README.md updated"
