#!/usr/bin/env bash
# scripts/build.sh — build everything and assemble dist/, the static site.
#
#   build/native   preset native: the core library, the nnplay CLI, the cmocka tests
#   build/wasm     preset wasm:   wasm-bindings/ -> nnplay-wasm.wasm, nnplay-wasm-nosimd.wasm (emcc) + engine.js
#   dist/          plain static files any host can serve, minified by esbuild (node_modules):
#                    index.html                  web/index.html, line indentation dropped
#                    main.js                     the script the HTML loads, bundled with every
#                                                page module it imports statically and the npm
#                                                packages they name (chartist); web/ stays
#                                                readable (scripts/bundle.mjs)
#                    perceptron.js, ...          each module the page imports lazily
#                                                (import('./x.js')), bundled likewise
#                    training-worker.js          the worker that trains at speed "max"
#                    style.css, panels.css       web/*.css, minified (panels.css: the styles of the
#                                                panels imported on first use, linked then)
#                    engine/engine.js            the JS API (wasm-bindings/engine.js and its
#                                                modules, one file); loads ./nnplay-wasm.wasm,
#                                                or the -nosimd one where wasm SIMD is missing
#                    engine/engine-lab.js        the lab engine's JS, imported with its module
#                    engine/nnplay-wasm.wasm     the engine
#                    engine/nnplay-wasm-nosimd.wasm   the engine without wasm SIMD
#                    engine/points.js            the points module (own data, over the lab engine), on use
#                    nnplay.html                 the whole page in one file, both engines and
#                                                the worker inside: opens from file:// with no
#                                                server and no network (scripts/offline.mjs)
#                  A first load is meant to stay under 60 KB gzipped, nnplay.html under 120 KB
#                  (scripts/bench/bench_page.mjs prints the first load).
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
mkdir -p "$stage/engine"
esbuild() { node_modules/.bin/esbuild --log-level=warning "$@"; }

# Static files other than scripts and styles, as they are.
(cd web && find . -type f ! -name '*.js' ! -name '*.css' ! -name '*.html' \
   -exec cp --parents {} "../$stage/" \;)
# HTML: a run of whitespace holding a line break becomes one line break (same rendering: no
# <pre> or white-space: pre in the page's markup).
for html in web/*.html; do
  node -e 'const fs = require("fs");
    fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1], "utf8").replace(/[ \t]*\n\s*/g, "\n"));' \
    "$html" "$stage/$(basename "$html")"
done
# Scripts: every module script an HTML file loads, and every Web Worker's script (web/*-worker.js,
# which the page starts by its URL), is one file with its static imports; each module imported
# lazily, one file more (scripts/bundle.mjs). A classic script (no type="module") is only minified.
scripts() { grep -ho '<script[^>]*>' web/*.html | grep "$@" 'type="module"' |
            sed -nE 's/.*src="([^"]+\.js)".*/web\/\1/p' | sort -u; }
mapfile -t entries < <(scripts)
mapfile -t classic < <(scripts -v)
node scripts/bundle.mjs "$stage" "${entries[@]}" web/*-worker.js
for js in "${classic[@]}"; do esbuild "$js" --minify --outfile="$stage/${js#web/}"; done
for css in web/*.css; do esbuild "$css" --minify --outfile="$stage/$(basename "$css")"; done

# The engine: the module, and engine.js bundled with its modules (engine/*.js) into one file,
# minified (engine.js gives its classes back their names). Under Node it reads the module with
# node:fs, which stays an import.
cp build/wasm/wasm-bindings/nnplay-wasm{,-nosimd,-lab,-lab-nosimd}.wasm "$stage/engine/"
esbuild build/wasm/wasm-bindings/engine.js --bundle --format=esm --minify --external:'node:*' \
  --external:./engine-lab.js --outfile="$stage/engine/engine.js"
# The lab engine's JS, imported with the lab module only (engine-lab.js), one file of its own.
esbuild build/wasm/wasm-bindings/engine-lab.js --bundle --format=esm --minify \
  --outfile="$stage/engine/engine-lab.js"
# The points module (files of points, data= text), which the page loads on first use.
esbuild build/wasm/wasm-bindings/points.js --bundle --format=esm --minify --external:'node:*' \
  --outfile="$stage/engine/points.js"

# The one-file page: web/index.html with every script, style and both engines inlined.
node scripts/offline.mjs "$stage" build/wasm/wasm-bindings

rm -rf dist
mv "$stage" dist
gz=0
for f in $(find dist -type f); do gz=$((gz + $(gzip -9c "$f" | wc -c))); done
printf 'dist/: %s files, %s; %s bytes gzipped in all\n' "$(find dist -type f | wc -l)" "$(du -sh dist | cut -f1)" "$gz"
