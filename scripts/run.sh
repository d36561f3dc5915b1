#!/usr/bin/env bash
# scripts/run.sh — set up, build, and serve the page from dist/ on 127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/build.sh

port=${PORT:-8080}
printf '\nnnplay: serving dist/ at http://127.0.0.1:%s/  (Ctrl-C stops)\n' "$port"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
