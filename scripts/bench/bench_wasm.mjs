#!/usr/bin/env node
// bench_wasm.mjs — the wasm engine under Node, timed exactly as bench_native.c times the native
// one, so the two can be set side by side (scripts/bench.sh does).
//
//   node scripts/bench/bench_wasm.mjs --fixture path.json [--runs 7] [--epochs 200] [--grids 50]
//                                     [--density 100] [--engine-dir DIR]
//
// Each run builds the experiment afresh, times `epochs` training epochs from epoch 0, then one
// untimed grid (input slices are cached per density) and `grids` timed evaluations of the
// density×density grid. Before the timed runs, untimed runs for at least 1.5 s warm V8 up (its
// baseline tier runs wasm 2-3× slower until hot functions are optimised). Prints one JSON line with the medians over the runs, with the same keys
// as nnplay-bench: {"fixture", "runs", "epochs", "ms_per_epoch", "density", "grids",
// "ms_per_grid", "layer_sizes", "num_train", "num_test", "engine"}.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const fixture = opt('fixture');
if (!fixture) {
  console.error('usage: bench_wasm.mjs --fixture path.json [--runs N] [--epochs N] [--grids N] [--density D] [--engine-dir DIR]');
  process.exit(2);
}
const runs = Number(opt('runs', '7'));
const epochs = Number(opt('epochs', '200'));
const grids = Number(opt('grids', '50'));
const density = Number(opt('density', '100'));
const defaultDir = existsSync(join(root, 'dist/engine/engine.js')) ? 'dist/engine' : 'build/wasm/wasm-bindings';
const engineDir = resolve(root, opt('engine-dir', process.env.NNPLAY_ENGINE_DIR || defaultDir));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { loadEngine } = await import(pathToFileURL(join(engineDir, 'engine.js')).href);
const engine = await loadEngine();
const { hash, unseeded_random: unseededRandom } = JSON.parse(readFileSync(fixture, 'utf8'));

/** One run: [ms per epoch, ms per grid]. */
function run() {
  const ex = engine.experiment(hash, { unseededRandom: unseededRandom ?? 0.5 });
  try {
    let t0 = performance.now();
    ex.train(epochs);
    const epochMs = (performance.now() - t0) / epochs;
    ex.evaluateGrid(density);
    t0 = performance.now();
    for (let k = 0; k < grids; k++) ex.evaluateGrid(density);
    return [epochMs, (performance.now() - t0) / grids, ex.derived()];
  } finally {
    ex.dispose();
  }
}

// Warm-up: V8 runs new wasm code in its baseline tier and optimises hot functions later.
const warmUpEnd = performance.now() + 1500;
for (let i = 0; i < 3 || performance.now() < warmUpEnd; i++) run();
const results = Array.from({ length: runs }, run);
const derived = results[0][2];
console.log(JSON.stringify({
  fixture: basename(fixture, '.json'), runs, epochs, ms_per_epoch: median(results.map((r) => r[0])),
  density, grids, ms_per_grid: median(results.map((r) => r[1])), layer_sizes: derived.layer_sizes,
  num_train: derived.num_train, num_test: derived.num_test, engine: `wasm, Node ${process.version}`,
}));
